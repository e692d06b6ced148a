using System.Runtime.CompilerServices;

// The spec's cases are built only by Specification.Validate. The golden tests build them directly
// too, through a small factory, to run the cell pipeline on cases a request cannot express alone.
[assembly: InternalsVisibleTo("Sweep.Golden.Tests")]
