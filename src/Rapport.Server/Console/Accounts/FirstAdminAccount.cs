namespace Rapport.Server.Console.Accounts;

/// <summary>
/// The account made at first start when none existed, with its one-time password, so that
/// <c>rapport serve</c> can print it. Empty on every later start.
/// </summary>
public sealed class FirstAdminAccount
{
    /// <summary>The user name created at this start, or null.</summary>
    public string? UserName { get; internal set; }

    /// <summary>Its generated password, shown once; only its hash is stored.</summary>
    public string? Password { get; internal set; }
}
