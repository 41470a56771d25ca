#include "run.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <algorithm>
#include <deque>
#include <iostream>
#include <map>
#include <optional>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "error.h"
#include "index/archive.h"
#include "input/reader.h"
#include "lexicon.h"
#include "output/conllu.h"
#include "output/html.h"
#include "output/record.h"
#include "output/sink.h"
#include "output/tokens_json.h"
#include "pipeline.h"

namespace warta {
namespace {

using Clock = std::chrono::steady_clock;

// Set by SIGINT/SIGTERM: stop reading, write what is in flight, then end (exit 130).
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void OnInterrupt(int sig) {
  g_interrupted = 1;
  std::signal(sig, SIG_DFL);  // a second Ctrl-C ends the process at once
}

// SIGINT and SIGTERM go to OnInterrupt without SA_RESTART, so that the first Ctrl-C also
// ends a read that waits on a terminal or a pipe (the read returns EINTR). Only the reading
// thread takes them: RunParallel's workers and writer block them.
void CatchInterrupts(bool on) {
  struct sigaction sa = {};
  sa.sa_handler = on ? OnInterrupt : SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// One document on its way from a worker to the writer.
struct Item {
  std::string id;
  std::string resume_key;            // --resume: the id it has in FILE (id, or an older warta's)
  std::string text;                  // the rendered record
  std::optional<ArchiveEntry> entry;  // `warta index`: the rows to store (none for a failed document)
  std::optional<std::string> error;  // the failure message, for stderr
  uint64_t consumed = 0;             // input bytes (progress)
  uint64_t number = 0;               // the unit's position in the input (RawInput::number)
  // --resume: the id is in FILE, so the worker did not run the pipeline; the writer decides
  // (in input order) whether this occurrence was already written.
  std::optional<Document> unprocessed;
};

class Runner {
 public:
  Runner(const Options& options, const Pipeline& pipeline, InputReader& reader, RecordSink& sink)
      : options_(options), pipeline_(pipeline), reader_(reader), sink_(sink), format_(sink.render_format()),
        remaining_(sink.resumed_ids()) {
    terminal_ = isatty(fileno(stderr));
    show_progress_ = !options.quiet && (options.progress || terminal_);
    start_ = last_draw_ = Clock::now();
  }

  // Decode, parse and (unless --resume skips it) run the pipeline. Thread-safe. Each thread
  // reuses one Document, so that the buffers the reader and the stages fill (text, norm,
  // tokens …) are allocated once per thread, not once per document.
  Item Process(RawInput& raw) const {
    thread_local Document doc;
    Item item;
    item.consumed = raw.consumed;
    item.number = raw.number;
    ToDocument(raw, doc, options_.jsonl_keys);
    // A whole file's bytes are not needed while the stages run (a jsonl line is kept for
    // the next one to be read into).
    if (raw.format != InputFormat::kJsonl) std::string().swap(raw.bytes);
    item.id = doc.id;
    if (const auto& written = sink_.resumed_ids(); !written.empty()) {  // error records included: they were written too
      item.resume_key = doc.id;
      if (!written.count(doc.id)) {
        std::string older = OlderId(raw, doc.id);
        if (!older.empty() && written.count(older)) item.resume_key = std::move(older);
      }
      if (written.count(item.resume_key)) {
        item.unprocessed = std::move(doc);
        return item;
      }
    }
    Finish(doc, item);
    return item;
  }

  // Writes one item; called in input order from one thread at a time.
  void Deliver(Item& item) {
    if (item.unprocessed) {
      auto it = remaining_.find(item.resume_key);
      if (it != remaining_.end() && it->second > 0) {
        --it->second;
        ++skipped_;
        Count(item);
        return;
      }
      Finish(*item.unprocessed, item);  // an id repeated more often than FILE had it
    }
    if (item.error) {
      ++failed_;
      ClearProgress();
      std::cerr << "warta: " << *item.error << "\n";
    }
    if (sink_.archive()) sink_.AddToArchive(item.entry ? &*item.entry : nullptr);
    else sink_.Add(item.text, item.id);
    Count(item);
  }

  // The end-of-run line (and the end of the progress line); silent under --quiet or when
  // stderr is not a terminal, unless --progress or the run was interrupted.
  void Summary(bool interrupted) {
    if (!show_progress_ && (options_.quiet || !interrupted)) return;
    if (interrupted && terminal_ && !drawn_) std::cerr << "\n";  // after the terminal's "^C"
    ClearProgress();
    double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    double mb = double(bytes_) / 1e6;
    char line[512];
    std::snprintf(line, sizeof line, "warta: %s%zu documents, %.1f MB in %.1f s (%.1f MB/s, %.0f documents/s); %zu failed",
                  interrupted ? "interrupted after " : "", documents_, mb, seconds, seconds > 0 ? mb / seconds : 0.0,
                  seconds > 0 ? double(documents_) / seconds : 0.0, failed_);
    std::cerr << line;
    if (options_.resume) std::cerr << ", " << skipped_ << " already in " << sink_.path();
    std::cerr << " → " << sink_.path() << "\n";
    const SkippedInputs& left = reader_.skipped();
    if (left.total()) {
      // Each reason once, with what brings the files back.
      std::string why;
      auto add = [&](size_t n, const char* what) {
        if (n) why += (why.empty() ? "" : ", ") + std::to_string(n) + " " + what;
      };
      add(left.hidden, "hidden (dot files and folders; --hidden reads them)");
      add(left.binary, "binary (--binary reads them)");
      add(left.filtered, "by --glob/--exclude");
      std::cerr << "warta: left out of the folders: " << why << "\n";
    }
  }

  size_t failed() const { return failed_; }

 private:
  void Finish(Document& doc, Item& item) const {
    pipeline_.Run(doc);
    if (doc.error) item.error = doc.error->message;
    if (options_.command == Command::kTokenize) {
      if (format_ == OutputFormat::kConllu) item.text = Conllu(doc, item.number);
      else if (format_ == OutputFormat::kJson) item.text = Prettify(TokensJsonl(doc));
      else item.text = TokensJsonl(doc);
    } else if (format_ == OutputFormat::kHtml) {
      item.text = ReleaseHtml(RecordJson(doc, options_, false), doc.text, ReleaseLinks{});
    } else {
      item.text = RecordJson(doc, options_, format_ == OutputFormat::kJson);
      if (!options_.index_db.empty() && !doc.error) item.entry = ArchiveEntry::FromDocument(doc, std::move(item.text));
    }
    item.unprocessed.reset();
  }

  // The id an older warta gave this input (before ids stopped depending on the working
  // directory: the path as given, "PATH#LINE" for a jsonl line without an id), so that
  // --resume completes a file that one began; "" when it is the same or the id is the
  // document's own.
  static std::string OlderId(const RawInput& raw, const std::string& id) {
    const std::string shown = raw.path == "-" ? "stdin" : raw.path;
    const std::string& name = raw.name.empty() ? shown : raw.name;
    std::string older;
    if (raw.line) {
      const std::string line = "#" + std::to_string(*raw.line);
      if (id == name + line) older = shown + line;
    } else if (id == name) {
      older = shown;
    }
    return older == id ? std::string() : older;
  }

  // Progress: on a terminal, one line redrawn four times a second; into a file or log
  // (--progress), a plain line every ten seconds, without carriage returns or escapes.
  void Count(const Item& item) {
    ++documents_;
    bytes_ += item.consumed;
    if (!show_progress_) return;
    Clock::time_point now = Clock::now();
    if (now - last_draw_ < (terminal_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(10000))) return;
    last_draw_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? double(bytes_) / seconds : 0;
    char line[256];
    int n = std::snprintf(line, sizeof line, terminal_ ? "\r%zu documents  %.1f MB  %.1f MB/s  %zu errors"
                                                      : "warta: %zu documents, %.1f MB, %.1f MB/s, %zu errors",
                          documents_, double(bytes_) / 1e6, rate / 1e6, failed_);
    uint64_t total = reader_.total_bytes();
    if (total > bytes_ && rate > 0 && n > 0 && size_t(n) < sizeof line) {
      long left = long(double(total - bytes_) / rate);
      std::snprintf(line + n, sizeof line - n, terminal_ ? "  %ld:%02ld left" : ", %ld:%02ld left", left / 60,
                    left % 60);
    }
    if (terminal_) {
      std::cerr << line << "\033[K" << std::flush;
      drawn_ = true;
    } else {
      std::cerr << line << "\n" << std::flush;
    }
  }

  void ClearProgress() {
    if (drawn_) std::cerr << "\r\033[K";
    drawn_ = false;
  }

  const Options& options_;
  const Pipeline& pipeline_;
  InputReader& reader_;
  RecordSink& sink_;
  const OutputFormat format_;
  std::unordered_map<std::string, size_t> remaining_;  // --resume: occurrences still to skip
  bool terminal_ = false;  // stderr is a terminal
  bool show_progress_ = false, drawn_ = false;
  Clock::time_point start_, last_draw_;
  size_t documents_ = 0, failed_ = 0, skipped_ = 0;
  uint64_t bytes_ = 0;
};

// Reader (the calling thread) → work queue → `jobs` workers → results by sequence number →
// writer thread. Units travel in batches (up to kBatchUnits units or kBatchBytes bytes), so
// that the threads meet once per batch, not once per short jsonl line. The window bounds how
// many batches may be between reading and writing, so memory holds at most
// jobs × 4 batches whatever the corpus size.
constexpr size_t kBatchUnits = 64;
constexpr size_t kBatchBytes = 1 << 20;

void RunParallel(Runner& runner, InputReader& reader, const RecordSink& sink, unsigned jobs) {
  const size_t window = size_t(jobs) * 4;
  std::mutex mu;
  // One condition each, so that a finished batch wakes the writer only, a taken one the
  // reader only.
  std::condition_variable work_ready, result_ready, space_free;
  std::deque<std::pair<size_t, std::vector<RawInput>>> work;
  std::map<size_t, std::vector<Item>> done;
  size_t next_write = 0, total = 0;
  bool reading = true, stop = false;
  std::exception_ptr writer_error, reader_error;
  auto halt = [&] {  // with mu held
    stop = true;
    work_ready.notify_all();
    result_ready.notify_all();
    space_free.notify_all();
  };

  auto work_loop = [&] {
      while (true) {
        std::pair<size_t, std::vector<RawInput>> batch;
        {
          std::unique_lock<std::mutex> lock(mu);
          work_ready.wait(lock, [&] { return !work.empty() || !reading || stop; });
          if (work.empty() || stop) return;
          batch = std::move(work.front());
          work.pop_front();
        }
        std::vector<Item> items;
        items.reserve(batch.second.size());
        for (RawInput& raw : batch.second) items.push_back(runner.Process(raw));
        bool next = false;
        {
          std::lock_guard<std::mutex> lock(mu);
          next = batch.first == next_write;
          done.emplace(batch.first, std::move(items));
        }
        if (next) result_ready.notify_one();
      }
  };
  auto write_loop = [&] {
    try {
      while (true) {
        std::vector<Item> items;
        {
          std::unique_lock<std::mutex> lock(mu);
          result_ready.wait(lock, [&] { return done.count(next_write) || (!reading && next_write == total) || stop; });
          if (stop || !done.count(next_write)) return;
          items = std::move(done.at(next_write));
          done.erase(next_write);
        }
        for (Item& item : items) {
          runner.Deliver(item);
          if (sink.broken()) break;
        }
        {
          std::lock_guard<std::mutex> lock(mu);
          ++next_write;
          if (sink.broken()) halt();
        }
        space_free.notify_one();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      writer_error = std::current_exception();
      halt();
    }
  };
  // The threads block SIGINT and SIGTERM (their mask is inherited), so that the reading
  // thread, this one, takes them (CatchInterrupts).
  sigset_t signals, old_mask;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, &old_mask);
  std::vector<std::thread> workers;
  std::thread writer;
  std::string start_error;
  try {
    for (unsigned w = 0; w < jobs; ++w) workers.emplace_back(work_loop);
    writer = std::thread(write_loop);
  } catch (const std::system_error& e) {  // the system refused a thread (ulimit -u, memory)
    start_error = e.what();
  }
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  if (!start_error.empty()) {
    {
      std::lock_guard<std::mutex> lock(mu);
      reading = false;
      halt();
    }
    for (auto& t : workers) t.join();
    throw Error("cannot start " + std::to_string(jobs) + " worker threads (" + std::to_string(workers.size()) +
                " started): " + start_error + "; give a smaller -j");
  }
  struct stat st;
  const bool stdin_streams = fstat(STDIN_FILENO, &st) != 0 || !S_ISREG(st.st_mode);
  try {
    bool more = true;
    while (more && !g_interrupted) {
      {
        std::unique_lock<std::mutex> lock(mu);
        space_free.wait(lock, [&] { return total - next_write < window || stop; });
        if (stop) break;
      }
      std::vector<RawInput> batch;
      size_t bytes = 0;
      while (batch.size() < kBatchUnits && bytes < kBatchBytes && !g_interrupted) {
        RawInput raw;
        if (!reader.Next(raw) || g_interrupted) {  // a unit read as Ctrl-C came may be cut short
          more = false;
          break;
        }
        bytes += raw.bytes.size();
        const bool from_stream = stdin_streams && raw.path == "-";
        batch.push_back(std::move(raw));
        if (from_stream) break;  // a pipe or terminal may pause: do not hold its lines back
      }
      if (batch.empty()) break;
      {
        std::lock_guard<std::mutex> lock(mu);
        work.emplace_back(total++, std::move(batch));
      }
      work_ready.notify_one();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu);
    reader_error = std::current_exception();
    halt();
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    reading = false;
    work_ready.notify_all();
    result_ready.notify_all();
  }
  for (auto& t : workers) t.join();
  writer.join();
  if (writer_error) std::rethrow_exception(writer_error);
  if (reader_error) std::rethrow_exception(reader_error);
}

}  // namespace

int RunCommand(const Options& options) {
  if (options.format == OutputFormat::kConllu && options.command != Command::kTokenize)
    throw Error("--format conllu is for `warta tokenize`");
  std::signal(SIGPIPE, SIG_IGN);

  // The stages copy what they need out of the lexicon files, so the files' rows are freed
  // once the pipeline is built (words.tsv alone is 31k rows of small strings).
  std::optional<Pipeline> built;
  {
    Lexicon lexicon(options.lexicon_dir.empty() ? Lexicon::DefaultDir() : options.lexicon_dir);
    built.emplace(options, lexicon);
  }
  const Pipeline& pipeline = *built;
  InputReader reader(options);
  RecordSink sink(options);
  if (sink.repaired_bytes() && !options.quiet)
    std::cerr << "warta: " << sink.path() << ": removed a cut-short last record (" << sink.repaired_bytes()
              << " bytes); it will be written again\n";
  Runner runner(options, pipeline, reader, sink);
  if (!options.quiet) {
    if (reader.renamed())
      std::cerr << "warta: " << reader.renamed()
                << " input(s) share a name with an earlier one; their ids end in ~2, ~3 … (name the folder above "
                   "them instead to get ids that differ by their path)\n";
    const bool reads_stdin = options.inputs.empty() ||
                             std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end();
    if (reads_stdin && isatty(STDIN_FILENO))
      std::cerr << "warta: reading standard input (end it with Ctrl-D; Ctrl-C stops)\n";
  }

  g_interrupted = 0;
  CatchInterrupts(true);
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (jobs == 1) {
    // `warta index`: documents are stored kBatchUnits at a time, after the pipeline has run
    // on all of them, so that each keeps its data in cache through a whole batch.
    const size_t batch = sink.archive() ? kBatchUnits : 1;
    std::vector<Item> items;
    items.reserve(batch);
    RawInput raw;  // reused: jsonl lines are read into the same memory
    while (!g_interrupted && !sink.broken() && reader.Next(raw)) {
      if (g_interrupted) break;  // a unit read as Ctrl-C came may be cut short
      items.push_back(runner.Process(raw));
      if (items.size() < batch) continue;
      for (Item& item : items) runner.Deliver(item);
      items.clear();
    }
    for (Item& item : items)
      if (!sink.broken()) runner.Deliver(item);
  } else {
    RunParallel(runner, reader, sink, jobs);
  }
  sink.Finish();
  CatchInterrupts(false);
  runner.Summary(g_interrupted);
  if (!options.quiet) std::cerr << pipeline.UnreadPublishedReport();
  if (g_interrupted) return 130;
  return runner.failed() ? 1 : 0;
}

}  // namespace warta
