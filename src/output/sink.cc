#include "output/sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "error.h"
#include "output/record.h"

namespace warta {

RecordSink::RecordSink(const Options& options) : format_(options.format), es_index_(options.es_index), path_(options.output) {
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

void RecordSink::Write(const std::string& s) {
  if (broken_ || s.empty()) return;
  if (std::fwrite(s.data(), 1, s.size(), out_) != s.size()) {
    if (errno == EPIPE) {
      broken_ = true;
      return;
    }
    throw Error("cannot write " + path_ + ": " + std::strerror(errno));
  }
}

void RecordSink::Add(const std::string& rendered, const std::string& id) {
  ++count_;
  switch (format_) {
    case OutputFormat::kConllu:
      Write(rendered);
      break;
    case OutputFormat::kEsBulk: {
      nlohmann::json action = {{"index", {{"_index", es_index_}, {"_id", id}}}};
      Write(action.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" + rendered + "\n");
      break;
    }
    case OutputFormat::kJson:
      if (count_ == 1) {
        held_ = rendered;
      } else {
        if (count_ == 2) Write("[\n" + *held_);
        held_.reset();
        Write(",\n" + rendered);
      }
      break;
    default:  // jsonl
      if (tty_single_ && count_ == 1) {
        held_ = rendered;
      } else {
        if (held_) Write(*held_ + "\n");
        held_.reset();
        Write(rendered + "\n");
      }
  }
}

void RecordSink::Finish() {
  if (format_ == OutputFormat::kJson) {
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
