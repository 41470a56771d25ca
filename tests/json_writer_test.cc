// The streaming JSON writer of the record: escaping, including strings longer than the
// pieces it escapes at a time.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "output/json_writer.h"

TEST_CASE("strings of any length round-trip through the JSON writer", "[output]") {
  // Every byte that needs escaping, UTF-8 across the writer's 4 KiB pieces, and plain runs.
  std::string s;
  const std::string parts[] = {"Kupang ", "\"", "\\", "\n", "\t", "\x01", "\xC3\xA9", "\xE2\x80\x9C", "abcdefghij"};
  for (size_t i = 0; s.size() < 3 * 4096 + 5; ++i) s += parts[(i * 7 + i / 3) % 9];
  for (size_t len : {size_t(0), size_t(1), size_t(4095), size_t(4096), size_t(4097), s.size()}) {
    std::string v = s.substr(0, len);
    // Cut inside a UTF-8 sequence would make invalid JSON text: end on a whole character.
    while (!v.empty() && (static_cast<unsigned char>(v.back()) & 0xC0) == 0x80) v.pop_back();
    while (!v.empty() && static_cast<unsigned char>(v.back()) >= 0xC0) v.pop_back();
    warta::JsonWriter w;
    w.BeginObject();
    w.Key("text");
    w.String(v);
    w.EndObject();
    INFO(len);
    CHECK(nlohmann::json::parse(std::string(w.str()))["text"] == v);
  }
}

TEST_CASE("a writer reused after Take starts a clean record", "[output]") {
  warta::JsonWriter w;
  for (int round = 0; round < 3; ++round) {
    w.BeginObject();
    w.Key("schema");
    w.String("warta/1");
    w.Key(std::string("id"));  // a key that is no literal
    w.Number(uint64_t(round));
    w.Key("mentions");
    w.BeginArray();
    w.BeginSpanObject("Kupang", 0, 6);
    w.EndObject();
    w.BeginSpanObject("Jum\xE2\x80\x99" "at \"Siap\"", 7, 17);
    w.Key("kind");
    w.Null();
    w.EndObject();
    w.EndArray();
    w.Key("ok");
    w.Bool(round == 1);
    w.Key("meta");
    w.Raw(R"({"kanal":"daerah"})");
    w.EndObject();
    std::string expected = R"({"schema":"warta/1","id":)" + std::to_string(round) +
                           R"(,"mentions":[{"text":"Kupang","start":0,"end":6},)"
                           R"({"text":"Jum’at \"Siap\"","start":7,"end":17,"kind":null}],"ok":)" +
                           (round == 1 ? "true" : "false") + R"(,"meta":{"kanal":"daerah"}})";
    CHECK(w.Take() == expected);
    CHECK(w.str().empty());
  }
  // Cleared in the middle of a record (an exception cut it short): the next one is whole.
  w.BeginObject();
  w.Key("x");
  w.Clear();
  w.BeginArray();
  w.String("a");
  w.EndArray();
  CHECK(w.Take() == R"(["a"])");
}
