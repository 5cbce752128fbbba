using Microsoft.AspNetCore.Diagnostics;
using Rapport.Data.EventLog;

namespace Rapport.Server.Diagnostics;

/// <summary>
/// Turns the exceptions a client can cause into problem details with a useful message; anything
/// else is logged and answered with a problem that carries no internals.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is System.Text.Json.JsonException json =>
                (400, "Malformed JSON", $"The body is not valid JSON for this endpoint: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            EventLogUnavailableException unavailable => (503, "Storage unavailable", unavailable.Message),
            _ => (500, "Internal error", "Rapport could not complete the request; the error is in the server log."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
