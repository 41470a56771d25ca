#include "output/sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "error.h"
#include "index/archive.h"
#include "output/conllu.h"
#include "output/html.h"
#include "output/record.h"

namespace warta {

RecordSink::RecordSink(const Options& options)
    : format_(options.format), es_index_(options.es_index), path_(options.output), quiet_(options.quiet) {
  if (!options.index_db.empty()) {
    path_ = options.index_db;
    archive_ = std::make_unique<Archive>(path_, Archive::kWrite);
    format_ = render_ = OutputFormat::kJsonl;
    return;
  }
  if (options.resume) {
    if (path_.empty() || path_ == "-") throw Error("--resume needs -o FILE (the output of the interrupted run)");
    if (format_ != OutputFormat::kDefault && format_ != OutputFormat::kJsonl && format_ != OutputFormat::kEsBulk)
      throw Error("--resume works with --format jsonl or es-bulk (one record per line)");
    ScanForResume();
  }
  if (path_.empty() || path_ == "-") {
    out_ = stdout;
    path_ = "standard output";
  } else {
    out_ = std::fopen(path_.c_str(), options.resume ? "ab" : "wb");
    if (!out_) throw Error("cannot write " + path_ + ": " + std::strerror(errno));
    own_ = true;
  }
  if (format_ == OutputFormat::kDefault) {
    tty_single_ = !own_ && isatty(fileno(stdout));
    format_ = OutputFormat::kJsonl;
  }
  render_ = format_ == OutputFormat::kEsBulk ? OutputFormat::kJsonl : format_;
}

RecordSink::~RecordSink() {
  if (own_ && out_) std::fclose(out_);
}

void RecordSink::Write(std::string_view s) {
  while (!broken_ && !s.empty()) {
    errno = 0;
    const size_t written = std::fwrite(s.data(), 1, s.size(), out_);
    if (written == s.size()) return;
    // A Ctrl-C while a write waits on a pipe or terminal interrupts it (run.cc catches
    // SIGINT without SA_RESTART): what was not taken is written again.
    if (errno == EINTR) {
      std::clearerr(out_);
      s.remove_prefix(written);
      continue;
    }
    if (errno == EPIPE) {
      broken_ = true;
      return;
    }
    throw Error("cannot write " + path_ + ": " + std::strerror(errno));
  }
}

void RecordSink::ScanForResume() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path_, ec)) return;  // nothing written yet: a fresh run
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw Error("cannot read " + path_ + " to resume: " + std::strerror(errno));
  // `keep` is the byte length of the whole records seen so far; what follows it is cut off.
  uint64_t offset = 0, keep = 0, line_no = 0;
  bool pending_action = false;  // es-bulk: an action line whose record has not come yet
  size_t actions = 0, records = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const bool complete = !in.eof();  // getline stopped at a "\n", not at the end of FILE
    offset += line.size() + (complete ? 1 : 0);
    if (!complete) break;  // a cut-short last line: dropped
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (!pending_action) keep = offset;
      continue;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      throw Error(path_ + ":" + std::to_string(line_no) + ": not a warta record; cannot resume from this file");
    if (j.contains("index") && !j.contains("schema")) {
      pending_action = true;  // es-bulk action line
      ++actions;
      continue;
    }
    auto id = j.find("id");
    if (id == j.end() || !id->is_string())
      throw Error(path_ + ":" + std::to_string(line_no) + ": a record without an \"id\"; cannot resume from this file");
    ++resumed_ids_[id->get<std::string>()];
    ++records;
    pending_action = false;
    keep = offset;
  }
  if (in.bad()) throw Error("cannot read " + path_ + " to resume: " + std::strerror(errno));
  in.close();
  // Appending one format to a file of the other would leave a file neither reader accepts.
  const bool bulk = format_ == OutputFormat::kEsBulk;
  if (bulk && records > 0 && actions == 0)
    throw Error(path_ + " holds jsonl records; resume it with --format jsonl");
  if (!bulk && actions > 0) throw Error(path_ + " holds an es-bulk body; resume it with --format es-bulk");
  uint64_t size = fs::file_size(path_, ec);
  if (!ec && size > keep) {
    repaired_bytes_ = size - keep;
    fs::resize_file(path_, keep, ec);
    if (ec) throw Error("cannot repair " + path_ + " to resume: " + ec.message());
  }
}

void RecordSink::AddToArchive(const ArchiveEntry* entry) {
  ++count_;
  if (!entry) {
    ++skipped_;
    return;
  }
  if (in_transaction_++ == 0) archive_->Begin();
  switch (archive_->Add(*entry)) {
    case Archive::AddResult::kAdded: ++added_; break;
    case Archive::AddResult::kReplaced: ++replaced_; break;
    case Archive::AddResult::kUnchanged: ++unchanged_; break;
    case Archive::AddResult::kSkipped: ++skipped_; break;
  }
  if (in_transaction_ >= kArchiveBatch) {
    archive_->Commit();
    in_transaction_ = 0;
  }
}

void RecordSink::Add(const std::string& rendered, const std::string& id) {
  ++count_;
  switch (format_) {
    case OutputFormat::kConllu:
      if (!conllu_started_ && !rendered.empty()) {
        Write(kConlluHeader);
        conllu_started_ = true;
      }
      Write(rendered);
      break;
    case OutputFormat::kEsBulk: {
      nlohmann::json action = {{"index", {{"_index", es_index_}, {"_id", id}}}};
      Write(action.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      Write(rendered);
      Write("\n");
      break;
    }
    case OutputFormat::kHtml:
      // One page for the run: the head before the first document, the tail at Finish().
      if (count_ == 1) Write(StandalonePageHead("warta: " + id));
      Write(rendered);
      break;
    case OutputFormat::kJson:
      if (count_ == 1) {
        held_ = rendered;
      } else {
        if (count_ == 2) Write("[\n" + *held_);
        held_.reset();
        Write(",\n");
        Write(rendered);
      }
      break;
    default:  // jsonl
      if (tty_single_ && count_ == 1) {
        held_ = rendered;
      } else {
        if (held_) Write(*held_ + "\n");
        held_.reset();
        Write(rendered);  // records are large: no copy to append the newline
        Write("\n");
      }
  }
  // A record written to a file is on disk before the next is started (crash, Ctrl-C).
  if (own_ && !broken_ && std::fflush(out_) != 0) throw Error("cannot write " + path_ + ": " + std::strerror(errno));
}

void RecordSink::Finish() {
  if (archive_) {
    archive_->Commit();
    in_transaction_ = 0;
    if (!quiet_)
      std::cerr << "warta index: " << path_ << ": " << count_ << " documents: " << added_ << " added, " << replaced_
                << " replaced, " << unchanged_ << " unchanged, " << skipped_ << " failed (not stored)\n";
    return;
  }
  if (format_ == OutputFormat::kHtml) {
    if (count_ == 0) Write(StandalonePageHead("warta") + "<p class=\"note\">No documents.</p>\n");
    Write(StandalonePageTail());
  } else if (format_ == OutputFormat::kJson) {
    if (count_ == 1) Write(*held_ + "\n");
    else if (count_ > 1) Write("\n]\n");
  } else if (held_) {
    Write((tty_single_ && count_ == 1 ? Prettify(*held_) : *held_) + "\n");
  }
  held_.reset();
  if (!broken_ && std::fflush(out_) != 0) {
    if (errno == EPIPE) broken_ = true;
    else throw Error("cannot write " + path_ + ": " + std::strerror(errno));
  }
}

}  // namespace warta
