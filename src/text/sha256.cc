#include "text/sha256.h"

#include <openssl/evp.h>

namespace warta {

// OpenSSL's libcrypto, not our own code: it uses the CPU's SHA instructions where there
// are any (SHA-NI, ARMv8), an order of magnitude faster than portable C, and hashing every
// input is on the hot path of a bulk run.
std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out(2 * len, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace warta
