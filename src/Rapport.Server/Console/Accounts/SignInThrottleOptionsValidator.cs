using Microsoft.Extensions.Options;

namespace Rapport.Server.Console.Accounts;

/// <summary>Refuses sign-in limits that make no sense, naming the setting to fix.</summary>
internal sealed class SignInThrottleOptionsValidator : IValidateOptions<SignInThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInThrottleOptions options)
        => options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
