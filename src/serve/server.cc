#include "serve/server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "error.h"
#include "index/archive.h"
#include "lexicon.h"
#include "serve/pages.h"

namespace warta {
namespace {

// Sent with every answer: the pages load nothing but their own style sheet, run no script,
// and are not framed; the browser does not guess types or send the address elsewhere.
constexpr char kPolicy[] =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

constexpr int kBacklog = 256;

// The archive of the calling thread, opened on its first request (a connection per thread:
// archive.h).
const Archive& ThreadArchive(const std::string& path) {
  thread_local std::unique_ptr<Archive> archive;
  if (!archive) archive = std::make_unique<Archive>(path, Archive::kRead);
  return *archive;
}

void Answer(httplib::Response& res, const Page& page) {
  res.status = page.status;
  res.set_header("Content-Security-Policy", kPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_content(page.body, page.content_type.c_str());
}

Page Plain(int status, const std::string& message) {
  Page p;
  p.status = status;
  p.content_type = "text/plain; charset=utf-8";
  p.body = message + "\n";
  return p;
}

}  // namespace

int Serve(const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535)
    throw Error("--port must be 0 to 65535, not " + std::to_string(options.port));
  if (options.threads < 1 || options.threads > 256)
    throw Error("--threads must be 1 to 256, not " + std::to_string(options.threads));
  // Opened once here so that a missing or foreign file is said before anything listens.
  long long documents = 0;
  {
    Archive check(options.archive, Archive::kRead);
    documents = check.Stats(0).documents;
  }
  const Lexicon lexicon(options.lexicon_dir.empty() ? Lexicon::DefaultDir() : options.lexicon_dir);
  const Site site(LoadAreaNames(lexicon));

  // SIGINT and SIGTERM are taken by one thread (sigwait) that stops the server; every
  // other thread, made after this, has them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  httplib::Server server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
  server.set_read_timeout(5, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_max_count(kKeepAlive);
  server.set_keep_alive_timeout(1);
  server.set_payload_max_length(kMaxBody);
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      Answer(res, Plain(405, "warta serve answers GET and HEAD only."));
      res.set_header("Allow", "GET, HEAD");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.params.size() > kMaxParams) {
      Answer(res, Plain(400, "Too many parameters (at most " + std::to_string(kMaxParams) + ")."));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const std::string path = options.archive;
  server.Get(".*", [&site, path](const httplib::Request& req, httplib::Response& res) {
    try {
      Answer(res, site.Handle(ThreadArchive(path), req.path, req.params));
    } catch (const std::exception& e) {
      std::cerr << "warta serve: " << req.path << ": " << e.what() << "\n";
      Answer(res, Plain(500, "The archive could not answer; the server's log says why."));
    }
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty())
      Answer(res, Plain(res.status, "warta serve: the request was not understood (HTTP " + std::to_string(res.status) + ")."));
  });
  // cpp-httplib's own socket options set SO_REUSEPORT, with which a second server binds the
  // same port and takes half its requests: SO_REUSEADDR only (a restart need not wait for
  // TIME_WAIT). It listens with a backlog of 5 (its build): many clients connecting at
  // once would wait for the kernel's retry, so the backlog is raised after bind.
  // TCP_NODELAY (inherited by every accepted connection): cpp-httplib writes an answer's
  // headers and body in two writes, and with Nagle's algorithm the body waited for the
  // client's delayed ACK, 40 ms on every request of a kept-alive connection after its first.
  int listening = -1;
  server.set_tcp_nodelay(true);
  server.set_socket_options([&listening](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    listening = sock;
  });
  std::mutex log_mutex;
  if (!options.quiet)
    server.set_logger([&log_mutex](const httplib::Request& req, const httplib::Response& res) {
      char when[32];
      const std::time_t now = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&now, &tm);
      std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
      std::string target = req.target.size() > 300 ? req.target.substr(0, 300) + "…" : req.target;
      std::lock_guard<std::mutex> lock(log_mutex);
      std::cerr << when << " " << res.status << " " << req.method << " " << target << " " << res.body.size() << "\n";
    });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host.c_str());
    if (port < 0) throw Error("cannot listen on " + options.host + " (any port)");
  } else if (!server.bind_to_port(options.host.c_str(), port)) {
    throw Error("cannot listen on " + options.host + ":" + std::to_string(port) +
                " (in use, or not an address of this machine; --port 0 takes any free port)");
  }
  if (listening >= 0) ::listen(listening, kBacklog);
  std::thread stopper([&server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::cout << "warta serve: http://" << host << ":" << port << "/  (" << options.archive << ", " << documents
            << " documents, read-only; Ctrl-C stops)" << std::endl;
  const bool ok = server.listen_after_bind();
  if (stopper.joinable()) {
    // listen_after_bind ended without a signal (an error): wake the waiting thread.
    if (!ok) pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  return 0;
}

}  // namespace warta
