using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Rapport.Commands;

/// <summary>Runs a command body and turns failures into a one-line message and a non-zero exit.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (CliException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            // ValidateOnStart in `rapport serve`: the message names the setting and the allowed values.
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] configuration: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] the database cannot be used: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex.InnerException is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] the database cannot be reached: {ex.InnerException!.Message}");
            return 1;
        }
    }
}
