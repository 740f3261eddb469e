#include <array>

#include "domain/rules.h"

namespace lookout::domain {

namespace {

struct Move {
  std::string_view from;
  std::array<std::string_view, 3> to;  // empty entries unused
};

// The lifecycle as a table, in lifecycle order, so that AllowedTaskTransitions lists
// the forward move first and the ways out (rejected, cancelled) after it.
constexpr Move kMoves[] = {
    {"proposed", {"approved", "rejected", "cancelled"}},
    {"approved", {"in_progress", "cancelled", ""}},
    {"in_progress", {"delivered", "cancelled", ""}},
    {"delivered", {"evaluated", "", ""}},
    {"evaluated", {"closed", "", ""}},
    {"closed", {"", "", ""}},
    {"rejected", {"", "", ""}},
    {"cancelled", {"", "", ""}},
};

const Move* FindMove(std::string_view status) {
  for (const Move& m : kMoves) {
    if (m.from == status) return &m;
  }
  return nullptr;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

std::string StatusList() {
  std::string out;
  for (const Move& m : kMoves) out += (out.empty() ? "" : ", ") + std::string(m.from);
  return out;
}

}  // namespace

bool IsTaskStatus(std::string_view status) { return FindMove(status) != nullptr; }

bool IsTerminalTaskStatus(std::string_view status) {
  const Move* m = FindMove(status);
  return m != nullptr && m->to[0].empty();
}

std::vector<std::string> AllowedTaskTransitions(std::string_view from) {
  std::vector<std::string> out;
  if (const Move* m = FindMove(from)) {
    for (std::string_view to : m->to) {
      if (!to.empty()) out.emplace_back(to);
    }
  }
  return out;
}

Status CheckTaskTransition(std::string_view from, std::string_view to, std::string_view reason) {
  if (!IsTaskStatus(to)) {
    std::string msg =
        "'" + std::string(to) + "' is not a task status; the statuses are: " + StatusList() + ".";
    return Status::Validation({{"to", msg}}, msg);
  }
  if (!IsTaskStatus(from)) {
    std::string msg = "The task's current status '" + std::string(from) +
                      "' is not a task status; the statuses are: " + StatusList() + ".";
    return Status::Validation({{"from", msg}}, msg);
  }
  const std::vector<std::string> allowed = AllowedTaskTransitions(from);
  bool legal = false;
  for (const std::string& a : allowed) legal = legal || a == to;
  if (!legal) {
    std::string msg =
        "A task that is '" + std::string(from) + "' cannot move to '" + std::string(to) + "'. ";
    if (allowed.empty()) {
      msg += "'" + std::string(from) + "' is a final status: the task cannot move from it.";
    } else {
      msg += "From '" + std::string(from) + "' it can move to: ";
      for (size_t i = 0; i < allowed.size(); ++i) msg += (i ? ", " : "") + allowed[i];
      msg += ".";
    }
    return Status(ErrorCode::kIllegalTransition, std::move(msg));
  }
  if ((to == "rejected" || to == "cancelled") && IsBlank(reason)) {
    std::string msg = to == "rejected" ? "Give a reason for rejecting the task."
                                       : "Give a reason for cancelling the task.";
    return Status::Validation({{"reason", "is required when a task is " + std::string(to)}},
                              std::move(msg));
  }
  return Status::Ok();
}

bool IsChangesAsked(std::string_view from, std::string_view to) {
  return from == "proposed" && to == "proposed";
}

bool IsOpenTaskStatus(std::string_view status) {
  return status == "approved" || status == "in_progress";
}

int64_t DaysOverdue(std::string_view status, std::string_view due_on, Date today) {
  if (!IsOpenTaskStatus(status)) return 0;
  const std::optional<Date> due = Date::Parse(due_on);
  if (!due) return 0;
  const int64_t days = today.DaysSinceEpoch() - due->DaysSinceEpoch();
  return days > 0 ? days : 0;
}

}  // namespace lookout::domain
