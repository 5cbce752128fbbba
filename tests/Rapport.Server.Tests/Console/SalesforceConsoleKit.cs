using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>What the Pull, Push and Activities page tests share: a dataset with a connection, its stored settings, and a page's current form values.</summary>
internal static class SalesforceConsoleKit
{
    /// <summary>A dataset with a Salesforce connection configured (not established): settings can be saved on it.</summary>
    public static async Task<TestDataset> ConnectedDatasetAsync(RapportTestHost host)
    {
        var dataset = await host.CreateDatasetAsync();
        using var response = await host.Admin.PutAsJsonAsync($"/api/datasets/{dataset.Id}/connections/salesforce",
            new { consumerKey = "3MVG9ConsolePages", consumerSecret = "console-pages-secret" }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return dataset;
    }

    /// <summary>The stored sync settings, read through the admin API.</summary>
    public static Task<JsonElement> SettingsAsync(RapportTestHost host, string datasetId)
        => host.GetJsonAsync($"/api/datasets/{datasetId}/connections/salesforce/sync-settings");

    /// <summary>The values a browser would submit with <paramref name="formName"/> as the page shows it (buttons aside).</summary>
    public static Dictionary<string, string> FormValues(IDocument page, string formName)
    {
        var form = page.QuerySelectorAll("form").Single(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (name is "_handler" or "__RequestVerificationToken")
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        fields[name] = box.Value;
                    }
                    break;
                case IHtmlInputElement input:
                    fields[name] = input.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement text:
                    fields[name] = text.Value;
                    break;
            }
        }
        return fields;
    }

    /// <summary>Submits the page's form as shown, with <paramref name="change"/> applied, as pressing the button with <paramref name="command"/> would.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(ConsoleSession session, string path, string formName, string command, Action<Dictionary<string, string>> change)
    {
        var fields = FormValues(await session.GetPageAsync(path), formName);
        change(fields);
        fields["Input.Command"] = command;
        return await session.PostFormAsync(path, formName, fields);
    }

    /// <summary>The text of the validation messages inside the element around <paramref name="selector"/>'s control.</summary>
    public static string MessagesNear(IDocument page, string selector, string container = ".field, td, fieldset")
    {
        var control = page.QuerySelector(selector);
        Assert.True(control is not null, $"the page has no {selector}");
        var around = control.Closest(container) ?? control.ParentElement!;
        return string.Join(" | ", around.QuerySelectorAll(".validation-message").Select(m => m.TextContent.Trim()));
    }
}
