using System.Runtime.CompilerServices;

// The spec's cases are built only by Specification.Validate. The golden tests build them directly
// too, through a small factory, to run the cell pipeline on cases a request cannot express alone.
[assembly: InternalsVisibleTo("Sweep.Golden.Tests")]

// The language-ext-typed factories and validators are internal (the public surface is plain .NET,
// see Validated and Checked); the layers and tests of this repository call them directly.
[assembly: InternalsVisibleTo("Sweep.Training")]
[assembly: InternalsVisibleTo("sweep")]
[assembly: InternalsVisibleTo("Sweep.Properties.Tests")]
