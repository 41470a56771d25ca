#include "run.h"

#include <condition_variable>
#include <csignal>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "error.h"
#include "input/reader.h"
#include "lexicon.h"
#include "output/conllu.h"
#include "output/record.h"
#include "output/sink.h"
#include "pipeline.h"

namespace warta {
namespace {

struct Rendered {
  std::string id;
  std::string text;
  std::optional<std::string> error;  // the message, for stderr
};

Rendered Render(const Document& doc, const Options& options, OutputFormat format) {
  Rendered r{doc.id, {}, doc.error ? std::optional<std::string>(doc.error->message) : std::nullopt};
  if (options.command == "tokenize") {
    r.text = format == OutputFormat::kConllu ? Conllu(doc) : TokensJson(doc, format == OutputFormat::kJson);
  } else {
    r.text = RecordJson(doc, options, format == OutputFormat::kJson);
  }
  return r;
}

}  // namespace

int RunCommand(const Options& options) {
  if (options.format == OutputFormat::kConllu && options.command != "tokenize")
    throw Error("--format conllu is for `warta tokenize`");
  std::signal(SIGPIPE, SIG_IGN);

  Lexicon lexicon(options.lexicon_dir.empty() ? Lexicon::DefaultDir() : options.lexicon_dir);
  Pipeline pipeline(options, lexicon);
  InputReader reader(options);
  RecordSink sink(options);
  const OutputFormat format = sink.render_format();

  size_t failed = 0;
  auto deliver = [&](const Rendered& r) {
    if (r.error) {
      ++failed;
      std::cerr << "warta: " << *r.error << "\n";
    }
    sink.Add(r.text, r.id);
  };

  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (jobs == 1) {
    Document doc;
    while (!sink.broken() && reader.Next(doc)) {
      pipeline.Run(doc);
      deliver(Render(doc, options, format));
    }
  } else {
    // Reader (this thread) → work queue → workers → results by sequence → writer thread.
    // The window bounds how far reading may run ahead of writing.
    const size_t window = size_t(jobs) * 4;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::pair<size_t, Document>> work;
    std::map<size_t, Rendered> done;
    size_t next_write = 0, total = 0;
    bool reading = true, stop = false;
    std::exception_ptr writer_error, reader_error;

    std::vector<std::thread> workers;
    for (unsigned w = 0; w < jobs; ++w) {
      workers.emplace_back([&] {
        while (true) {
          std::pair<size_t, Document> item;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return !work.empty() || !reading || stop; });
            if (work.empty()) return;
            item = std::move(work.front());
            work.pop_front();
          }
          cv.notify_all();
          pipeline.Run(item.second);
          Rendered r = Render(item.second, options, format);
          {
            std::lock_guard<std::mutex> lock(mu);
            done.emplace(item.first, std::move(r));
          }
          cv.notify_all();
        }
      });
    }
    std::thread writer([&] {
      try {
        while (true) {
          Rendered r;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return done.count(next_write) || (!reading && next_write == total) || stop; });
            if (stop || (!reading && next_write == total && !done.count(next_write))) return;
            r = std::move(done.at(next_write));
            done.erase(next_write);
          }
          deliver(r);
          {
            std::lock_guard<std::mutex> lock(mu);
            ++next_write;
            if (sink.broken()) stop = true;
          }
          cv.notify_all();
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        writer_error = std::current_exception();
        stop = true;
        cv.notify_all();
      }
    });
    try {
      Document doc;
      while (true) {
        {
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return total - next_write < window || stop; });
          if (stop) break;
        }
        if (!reader.Next(doc)) break;
        std::lock_guard<std::mutex> lock(mu);
        work.emplace_back(total++, std::move(doc));
        cv.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      reader_error = std::current_exception();
      stop = true;
      cv.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      reading = false;
    }
    cv.notify_all();
    for (auto& t : workers) t.join();
    writer.join();
    if (writer_error) std::rethrow_exception(writer_error);
    if (reader_error) std::rethrow_exception(reader_error);
  }
  sink.Finish();
  return failed ? 1 : 0;
}

}  // namespace warta
