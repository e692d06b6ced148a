using LibraryExample;
using Sweep.Domain;

// Fails (exit 1) when the library gives no answer, so that .ci/run notices a broken package.
var suggestions = Example.FindLearningRate();
var inMemory = Example.FindLearningRateInMemory();
var sweep = Example.SweepBatchSizes();
var ok = suggestions[Rule.Valley] is > 0 && inMemory.Points.Count > 10 && sweep.Results.Count == 6 && sweep.Report.For(Rule.Valley)?.PowerLaw is not null;
Console.WriteLine(ok ? "example: ok" : "example: the library gave no suggestion or no fit");
return ok ? 0 : 1;
