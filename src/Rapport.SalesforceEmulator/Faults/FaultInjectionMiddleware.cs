using Microsoft.AspNetCore.Http;
using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Faults;

/// <summary>
/// Injects latency, 503s, UNABLE_TO_LOCK_ROW and dropped connections into Salesforce paths so a
/// client's retry and backoff can be exercised. It runs before authentication, so a faulted
/// request is not counted against the API limit.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector injector, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/__emulator", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var isWrite = context.Request.Path.StartsWithSegments(SessionGuardMiddleware.DataPath)
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        var (kind, latency) = injector.Decide(path, isWrite);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, clock, context.RequestAborted);
        }
        switch (kind)
        {
            case FaultKind.Unavailable:
                // 503: "The server is unavailable to handle the request. Typically this issue occurs
                // if the server is down for maintenance or is currently overloaded."
                await RestErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    new RestError("Server is unavailable. Please try again later.", "SERVER_UNAVAILABLE"));
                break;
            case FaultKind.LockRow:
                await RestErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest,
                    new RestError("unable to obtain exclusive access to this record", "UNABLE_TO_LOCK_ROW", []));
                break;
            case FaultKind.Drop:
                context.Items[RequestJournalMiddleware.DroppedItem] = true;
                context.Abort();
                break;
            default:
                await next(context);
                break;
        }
    }
}
