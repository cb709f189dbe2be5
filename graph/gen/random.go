package gen

// splitMix is the SplitMix64 pseudorandom generator (Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
// The package uses it instead of math/rand so that a seed yields the same
// graph in every Go release.
type splitMix struct{ state uint64 }

func (r *splitMix) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n). The modulo bias is below 2^-40 for the
// n used here.
func (r *splitMix) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *splitMix) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance returns true with probability p.
func (r *splitMix) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

func pick[T any](r *splitMix, values []T) T { return values[r.intn(len(values))] }

// shuffle permutes values in place (Fisher–Yates).
func shuffle[T any](r *splitMix, values []T) {
	for i := len(values) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		values[i], values[j] = values[j], values[i]
	}
}
