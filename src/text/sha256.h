// SHA-256 (FIPS 180-4) of a byte string, as lower-case hex. Used for source.sha256, so that
// archives can tell a changed file from an unchanged one.
//   Sha256Hex("abc") → "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#ifndef WARTA_TEXT_SHA256_H_
#define WARTA_TEXT_SHA256_H_

#include <string>
#include <string_view>

namespace warta {

std::string Sha256Hex(std::string_view bytes);

}  // namespace warta

#endif  // WARTA_TEXT_SHA256_H_
