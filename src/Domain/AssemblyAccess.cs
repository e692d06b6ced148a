using System.Runtime.CompilerServices;

// The spec's cases are built only by Specification.Validate. Two callers build them directly:
// the golden tests (a small factory for the cell pipeline's tests) and, until Validate replaces
// the command line's ExperimentOptions, the command line's adapter from those options (assembly
// "sweep"); that second entry goes with the adapter.
[assembly: InternalsVisibleTo("Sweep.Golden.Tests")]
[assembly: InternalsVisibleTo("sweep")]
