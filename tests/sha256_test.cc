// SHA-256 of the raw input, for source.sha256 (FIPS 180-4 test vectors).
#include <catch2/catch.hpp>

#include "text/sha256.h"

TEST_CASE("SHA-256 matches the FIPS 180-4 vectors", "[sha256]") {
  CHECK(warta::Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(warta::Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(warta::Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
