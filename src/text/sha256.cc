#include "text/sha256.h"

#include <openssl/evp.h>

#include <memory>

namespace warta {
namespace {

// The algorithm, looked up once. EVP_Digest(…, EVP_sha256(), …) looks it up in the provider
// tables and allocates a fresh context on every call: for a news article of 2 kB that cost
// more than the hashing itself. Shared by all threads (a fetched EVP_MD is immutable).
const EVP_MD* Sha256() {
  static const std::unique_ptr<EVP_MD, void (*)(EVP_MD*)> fetched(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                  EVP_MD_free);
  return fetched ? fetched.get() : EVP_sha256();
}

// One context per thread, reset for every input.
EVP_MD_CTX* ThreadContext() {
  thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return ctx.get();
}

}  // namespace

// OpenSSL's libcrypto, not our own code: it uses the CPU's SHA instructions where there
// are any (SHA-NI, ARMv8), an order of magnitude faster than portable C, and hashing every
// input is on the hot path of a bulk run.
std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = ThreadContext();
  if (!ctx || !EVP_DigestInit_ex2(ctx, Sha256(), nullptr) || !EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) ||
      !EVP_DigestFinal_ex(ctx, digest, &len)) {
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);  // the plain way
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(2 * len, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace warta
