using Microsoft.Extensions.Options;
using Rapport.Sync.Runs;

namespace Rapport.Server.Sync;

/// <summary>Refuses lease timings that would close live runs or never close dead ones, naming the setting to fix.</summary>
internal sealed class SyncRunnerOptionsValidator : IValidateOptions<SyncRunnerOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncRunnerOptions options)
        => options.Validate(SyncServiceExtensions.Section) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
