#include <gsl/gsl_errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_roots.h>

/* Brent's method, read through a function: Swift 6 refuses to read a C
   global variable (gsl_root_fsolver_brent) that it cannot prove immutable. */
static inline const gsl_root_fsolver_type *cgsl_root_fsolver_brent(void) {
    return gsl_root_fsolver_brent;
}
