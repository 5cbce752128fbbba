using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Console.Accounts;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary><c>rapport admin create NAME</c>: a console sign-in.</summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var command = new Command("admin", "Manage the admin console's accounts.");
        command.Subcommands.Add(CreateCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The user name to sign in with." };
        var password = new Option<string?>("--password")
        {
            Description = $"The password (at least {AdminAccounts.MinimumPasswordLength} characters). Without it one is generated and printed; the RAPPORT_ADMIN_PASSWORD environment variable keeps it out of the shell history.",
            HelpName = "PASSWORD",
        };
        var data = CommonOptions.Data();
        var database = CommonOptions.Database();
        var command = new Command("create", "Create a console account and print its password when generated.") { name, password, data, database };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var userName = result.GetValue(name)!.Trim();
            if (AdminAccounts.ValidateUserName(userName) is { } nameProblem)
            {
                throw new CliException(nameProblem);
            }
            var given = result.GetValue(password) ?? Environment.GetEnvironmentVariable("RAPPORT_ADMIN_PASSWORD");
            if (given is not null && AdminAccounts.ValidatePassword(given) is { } passwordProblem)
            {
                throw new CliException(passwordProblem);
            }
            var (_, storage) = CommonOptions.Storage(result, data, database);
            await using var services = await CliServices.CreateAsync(storage, cancellationToken);
            var accounts = ActivatorUtilities.CreateInstance<AdminAccounts>(services);
            var secret = given ?? AdminAccounts.GeneratePassword();
            try
            {
                await accounts.CreateAsync(userName, secret, cancellationToken);
            }
            catch (AdminAccountException ex)
            {
                throw new CliException(ex.Message);
            }
            AnsiConsole.MarkupLineInterpolated($"[green]Created console account[/] {userName}");
            if (given is null)
            {
                AnsiConsole.MarkupLineInterpolated($"  password: {secret}");
            }
            return 0;
        }));
        return command;
    }
}
