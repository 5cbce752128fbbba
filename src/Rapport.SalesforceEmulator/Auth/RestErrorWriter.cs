using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Rapport.SalesforceEmulator.Auth;

/// <summary>Writes Salesforce REST error bodies from middleware, where no endpoint result is available.</summary>
internal static class RestErrorWriter
{
    public static Task WriteAsync(HttpContext context, int status, RestError error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new[] { error }), context.RequestAborted);
    }
}
