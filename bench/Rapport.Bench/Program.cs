// Rapport's benchmarks. Usage: dotnet run -c Release --project bench/Rapport.Bench -- <scenario> [--quick]
// Each scenario prints its figures and, last, one JSON line with all of them.
using Rapport.Bench;

var scenario = args.FirstOrDefault();
var rest = args.Skip(1).ToArray();
return scenario switch
{
    "ingest" => await IngestBenchmark.RunAsync(rest),
    "emulator" => await EmulatorBenchmark.RunAsync(rest),
    "sync" => await SyncBenchmark.RunAsync(rest),
    "process" => await ProcessBenchmark.RunAsync(rest),
    "emulator-host" => await EmulatorHost.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Rapport.Bench <ingest|process|emulator|sync> [--quick]");
    return 2;
}
