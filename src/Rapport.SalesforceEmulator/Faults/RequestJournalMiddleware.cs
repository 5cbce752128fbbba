using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Rapport.SalesforceEmulator.Limits;

namespace Rapport.SalesforceEmulator.Faults;

/// <summary>
/// Records every request except the <c>/__emulator</c> controls themselves (reading the journal
/// should not change it). Outermost, so it also sees faulted and refused requests.
/// </summary>
internal sealed class RequestJournalMiddleware(RequestDelegate next, RequestJournal journal, TimeProvider clock)
{
    /// <summary>Set by fault injection when it drops the connection.</summary>
    public const string DroppedItem = "Rapport.SalesforceEmulator.ConnectionDropped";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/__emulator"))
        {
            await next(context);
            return;
        }
        var sequence = journal.NextSequence();
        var arrived = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            int? status = context.Items.ContainsKey(DroppedItem) ? null
                : failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError
                : context.Response.StatusCode;
            journal.Add(new RequestJournalEntry(
                sequence,
                arrived,
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                status,
                context.Items.ContainsKey(ApiLimitMiddleware.CountedItem),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }
}
