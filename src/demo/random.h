// The demo generator's random numbers. Lookout's demo data must be identical for the
// same seed on every machine and library version, so it uses splitmix64 (a fixed,
// published integer recurrence) and maps it to ranges itself: the std:: distributions are
// implementation-defined and differ between standard libraries. Internal to demo/.
#ifndef LOOKOUT_DEMO_RANDOM_H_
#define LOOKOUT_DEMO_RANDOM_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace lookout::demo {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // An independent stream for one part of the generator: changing how many numbers one
  // part draws does not shift the numbers of another.
  Rng Fork(std::string_view purpose) const;

  // The next 64 random bits.
  uint64_t Next();
  // Uniform in [lo, hi], both included. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);
  // Uniform in [0, n). REQUIRES: n > 0.
  size_t Index(size_t n) { return static_cast<size_t>(Between(0, static_cast<int64_t>(n) - 1)); }
  // Uniform in [0, 1), 53 bits.
  double Unit();
  // True with probability p.
  bool Chance(double p) { return Unit() < p; }
  // An index drawn with probability proportional to weights[i]. REQUIRES: a positive sum.
  size_t Weighted(const std::vector<double>& weights);

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Index(items.size())];
  }
  // Fisher-Yates, drawing from this generator.
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Index(i)]);
  }
  // `k` distinct items in a random order (all of them when k >= size).
  template <typename T>
  std::vector<T> Sample(std::vector<T> items, size_t k) {
    Shuffle(items);
    if (items.size() > k) items.resize(k);
    return items;
  }

 private:
  uint64_t state_;
};

}  // namespace lookout::demo

#endif  // LOOKOUT_DEMO_RANDOM_H_
