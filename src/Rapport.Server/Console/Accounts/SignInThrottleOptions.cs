namespace Rapport.Server.Console.Accounts;

/// <summary>How many failed console sign-ins are allowed before more are refused (section <c>Rapport:SignIn</c>).</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Rapport:SignIn";

    /// <summary>Failed sign-ins for one user name within <see cref="WindowMinutes"/> after which that name is refused.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>
    /// Failed sign-ins from one client address within <see cref="WindowMinutes"/> after which that
    /// address is refused; 0 turns the address limit off (behind a reverse proxy every visitor has
    /// the proxy's address, so one person's typos would lock everyone out).
    /// </summary>
    public int MaxFailuresPerAddress { get; set; } = 5;

    /// <summary>How long a failure counts; a refused name or address is let in again once its oldest counted failure is this old.</summary>
    public int WindowMinutes { get; set; } = 15;

    /// <summary>What is wrong with these values, naming the setting, or null.</summary>
    public string? Validate()
        => MaxFailures < 1 ? $"{Section}:MaxFailures must be at least 1; got {MaxFailures}."
            : MaxFailuresPerAddress < 0 ? $"{Section}:MaxFailuresPerAddress must be 0 (off) or more; got {MaxFailuresPerAddress}."
            : WindowMinutes is < 1 or > 24 * 60 ? $"{Section}:WindowMinutes must be between 1 and 1440; got {WindowMinutes}."
            : null;
}
