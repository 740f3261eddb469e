#include "demo/random.h"

namespace lookout::demo {

namespace {

// The splitmix64 output function: a bijection that spreads every input bit.
uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a: a stable hash of a purpose name (std::hash may differ between libraries).
uint64_t HashName(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

Rng Rng::Fork(std::string_view purpose) const { return Rng(Mix(state_ ^ HashName(purpose))); }

uint64_t Rng::Next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return Mix(state_);
}

int64_t Rng::Between(int64_t lo, int64_t hi) {
  const uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  if (range == 0) return static_cast<int64_t>(Next());  // the whole 64-bit range
  // Rejection keeps every value equally likely: draws below `threshold` would favour the
  // low residues of `range`.
  const uint64_t threshold = (0 - range) % range;
  while (true) {
    const uint64_t r = Next();
    if (r >= threshold) return static_cast<int64_t>(static_cast<uint64_t>(lo) + r % range);
  }
}

double Rng::Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

size_t Rng::Weighted(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  double x = Unit() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  // Rounding can leave x a hair above the last weight: the last positive weight wins.
  for (size_t i = weights.size(); i > 0; --i) {
    if (weights[i - 1] > 0) return i - 1;
  }
  return 0;
}

}  // namespace lookout::demo
