// `warta serve ARCHIVE.db`: a small read-only web server over an archive (the pages are in
// serve/pages.h), through cpp-httplib — this file and server.cc are its only users.
//   warta serve archive.db               → warta serve: http://127.0.0.1:8080/ …
//   warta serve archive.db --port 0      → any free port, printed
// Reads: the archive, opened read-only (Archive::kRead: never written, nothing written
// beside it) once per request thread that needs one; area names from the lexicons.
// Writes: the address to stdout once listening; nothing else but HTTP responses.
// Serves no file: every page is made in memory, the style sheet is compiled in.
// Limits: a request line of 8 KiB and headers of 8 KiB each (cpp-httplib's build), no
// request body beyond kMaxBody bytes, GET and HEAD only, at most kMaxParams parameters,
// the query sizes of pages.h; 5 s to read a request and 10 s to write an answer.
// Concurrent clients: a pool of `threads` workers, each connection kept for at most
// kKeepAlive requests so that waiting clients get their turn.
#ifndef WARTA_SERVE_SERVER_H_
#define WARTA_SERVE_SERVER_H_

#include <string>

namespace warta {

struct ServeOptions {
  std::string archive;              // the archive file
  std::string host = "127.0.0.1";   // --host
  int port = 8080;                  // --port; 0: any free port
  int threads = 8;                  // --threads: requests answered at once
  std::string lexicon_dir;          // --lexicons (area names); empty: Lexicon::DefaultDir()
  bool quiet = false;               // --quiet: no line per request on stderr (the address is still printed)
};

inline constexpr size_t kMaxBody = 1024;
inline constexpr size_t kMaxParams = 64;
inline constexpr size_t kKeepAlive = 8;

// Opens the archive (throws Error naming it when it cannot be read), binds host:port
// (throws Error when it cannot), prints the address, and answers until SIGINT or SIGTERM;
// returns 0 then.
int Serve(const ServeOptions& options);

}  // namespace warta

#endif  // WARTA_SERVE_SERVER_H_
