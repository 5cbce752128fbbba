using System.Text;
using Microsoft.Playwright;

namespace Rapport.Browser.Tests.Support;

/// <summary>
/// One test's private browser context and page. <see cref="StepAsync"/> saves a full-page
/// screenshot per step as <c>{artifacts}/{test}/{nn}-{step}.png</c> and prints its path in the
/// test output; disposing saves a last one, so a failing test leaves a picture of where it stopped.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly string _directory;
    private int _step;

    private BrowserSession(IBrowserContext context, IPage page, string directory)
    {
        Context = context;
        Page = page;
        _directory = directory;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Where this test's screenshots go.</summary>
    public string ScreenshotDirectory => _directory;

    internal static async Task<BrowserSession> StartAsync(IBrowserContext context, string artifactsDirectory)
    {
        var directory = Path.Combine(artifactsDirectory, Slug(CurrentTestName()));
        // Screenshots of an earlier run of the same test would be mistaken for this run's.
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, directory);
    }

    /// <summary>Saves a screenshot of the page named after <paramref name="step"/> and returns its path.</summary>
    public async Task<string> StepAsync(string step)
    {
        var path = Path.Combine(_directory, $"{++_step:00}-{Slug(step)}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>Visits <paramref name="url"/> and saves a screenshot of it as <paramref name="step"/>.</summary>
    public async Task GotoAsync(Uri url, string step, WaitUntilState waitUntil = WaitUntilState.Load)
    {
        var response = await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = waitUntil });
        Assert.True(response is null || response.Ok, $"GET {url} answered {response?.Status}");
        await StepAsync(step);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Page.IsClosed && Page.Url != "about:blank")
            {
                await StepAsync("end");
            }
        }
        catch (PlaywrightException)
        {
            // The page is already gone (the test closed it or the browser crashed); the test's own failure says why.
        }
        await Context.CloseAsync();
    }

    private static string CurrentTestName()
    {
        var test = TestContext.Current;
        var type = test.TestClass?.TestClassSimpleName ?? "test";
        var method = test.TestMethod?.MethodName ?? Guid.NewGuid().ToString("N")[..8];
        return type + "." + method;
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }
        return slug.ToString();
    }
}
