package circuits

import "github.com/consensys/gnark/frontend"

// linearSum returns Σ terms with one api.Add. gnark replaces a linear
// expression of 300 terms or more (its compress threshold) by a new
// variable and one constraint: added one term at a time, a sum of n terms
// costs n/300 constraints, as long a chain of solver levels, and compile
// time that grows with the threshold for every term; added at once, it
// costs one constraint at most.
func linearSum(api frontend.API, terms []frontend.Variable) frontend.Variable {
	switch len(terms) {
	case 0:
		return 0
	case 1:
		return terms[0]
	}
	return api.Add(terms[0], terms[1], terms[2:]...)
}
