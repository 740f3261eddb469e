// Survey results: the answers to one question tallied into its full distribution, the
// base (who answered, with "don't know" and blanks left out and counted apart), the
// positive answers (agree = strongly agree + agree; yes) as "x out of y", and the 95%
// Wilson score interval of that proportion. Pure: the caller gathers the answers.
#ifndef LOOKOUT_DOMAIN_SURVEY_STATS_H_
#define LOOKOUT_DOMAIN_SURVEY_STATS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lookout::domain {

struct AnswerCount {
  std::string code;   // the answer as stored ("agree", a choice's text)
  std::string label;  // as people read it ("Agree")
  int64_t count = 0;
  bool positive = false;  // one of the answers counted as positive ("agree")
};

struct Interval {
  double lower = 0;  // proportions, 0..1
  double upper = 0;
};

struct QuestionResult {
  std::vector<AnswerCount> distribution;  // every possible answer, in the question's order
                                          // (choices people gave that are not among the
                                          // options are added at the end)
  int64_t respondents = 0;  // responses looked at
  int64_t blank = 0;        // responses without an answer to this question
  int64_t dont_know = 0;    // "don't know" answers, outside the base
  int64_t base = 0;         // who answered: respondents - blank - dont_know
  bool has_positive = false;  // agreement and yes/no questions
  int64_t positive = 0;       // strongly agree + agree, or yes
  Interval interval;          // 95% Wilson score interval of positive / base (0..0 when
                              // the base is 0)
  int64_t written = 0;        // free-text answers given
};

// The choices of a question's options or of a multiple-choice answer: the text split at
// ';', each choice trimmed of spaces, empty ones left out.
std::vector<std::string> SplitChoices(std::string_view text);

// Tallies the answers to a question of `kind` (question_kind: agreement, yes_no,
// single_choice, multiple_choice, free_text) with `options` (choices separated by ';').
// `answers` holds one entry per response: the stored answer, or "" for no answer (a
// multiple-choice answer lists its choices separated by ';', each counted once).
QuestionResult TallyQuestion(std::string_view kind, std::string_view options,
                             const std::vector<std::string>& answers);

// The same from answers already counted (as a database aggregate gives them): each distinct
// answer with how many responses gave it, and `respondents`, the responses looked at (those
// not counted answered nothing: blank). `positive` lists the answers that count as
// positive (an indicator's); empty means the question's own (strongly_agree and agree for
// agreement, yes for yes/no; no positive for other kinds). For multiple choice an answer
// with any positive choice is positive once.
QuestionResult TallyCounts(std::string_view kind, std::string_view options,
                           const std::vector<std::pair<std::string, int64_t>>& counts,
                           int64_t respondents, const std::vector<std::string>& positive = {});

// The answer a respondent gives when they cannot say: counted beside the base, never in it.
inline constexpr const char* kDontKnow = "dont_know";

// What a result shows to people who do not manage the survey, under the disclosure rule
// (domain/disclosure.h). The headline ("x out of y") is shown when the base is at least
// the threshold, as the impact report shows it; otherwise nothing of the result is. In
// the distribution, counts from 1 to threshold - 1 are withheld, and each group of counts
// whose total the page states is protected like a breakdown (Suppress with its total
// published): the positive answers (their total is x), the other answers in the base
// (their total is y - x), or all answers in the base when there is no positive answer; and
// "don't know" with the blanks (their total is the respondents less the base). A
// multiple-choice question's choices overlap, so each is withheld on its own count only.
struct ResultDisclosure {
  bool base_too_small = false;  // the base is under the threshold: nothing is shown
  std::vector<bool> withheld;   // per row of the distribution
  bool dont_know_withheld = false;
  bool blank_withheld = false;
  bool written_withheld = false;  // free text: how many wrote an answer
};
ResultDisclosure ProtectResult(const QuestionResult& result, std::string_view kind, int threshold);

// The Wilson score interval for `positive` out of `base` at the normal quantile `z`
// (1.96 for 95%). REQUIRES: 0 <= positive <= base. {0, 0} when base is 0.
Interval WilsonInterval(int64_t positive, int64_t base, double z = 1.959963984540054);

// "42%" for 0.4236: a proportion as a whole percentage, rounded half up.
std::string Percent(double proportion);
// "69.9%" for 0.69948: to one decimal place, rounded half up (how intervals are published).
std::string PercentOneDecimal(double proportion);

}  // namespace lookout::domain

#endif  // LOOKOUT_DOMAIN_SURVEY_STATS_H_
