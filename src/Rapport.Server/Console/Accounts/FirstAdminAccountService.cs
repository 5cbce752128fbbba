namespace Rapport.Server.Console.Accounts;

/// <summary>
/// Creates the first admin account (<c>admin</c>, a generated password) when the database has
/// none, so a new installation can be signed in to without another command.
/// </summary>
internal sealed class FirstAdminAccountService(AdminAccounts accounts, FirstAdminAccount first, ILogger<FirstAdminAccountService> logger)
    : IHostedService
{
    public const string DefaultUserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }
        var password = AdminAccounts.GeneratePassword();
        try
        {
            await accounts.CreateAsync(DefaultUserName, password, cancellationToken);
        }
        catch (AdminAccountException)
        {
            // Another node created it first; that node printed the password.
            return;
        }
        first.UserName = DefaultUserName;
        first.Password = password;
        // The password goes to the console of `rapport serve` once, never into logs that are kept.
        logger.LogWarning("Created the first console account \"{UserName}\"; its password is printed once by `rapport serve`.", DefaultUserName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
