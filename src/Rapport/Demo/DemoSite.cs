using System.Net;
using Rapport.Server.Sdk;

namespace Rapport.Demo;

/// <summary>
/// A small product site instrumented with the Rapport snippet: browsing it sends page views,
/// signing up identifies the visitor, and the feedback page sends NPS answers, live into the console.
/// </summary>
internal static class DemoSite
{
    private static readonly (string Path, string Title, string Body)[] Pages =
    [
        ("/", "Acme Analytics", """
            <h1>Reports your whole team reads</h1>
            <p>Acme Analytics turns product data into weekly reports. This is Rapport's demo site: every page you open here
            is a page view in the Rapport console's event stream.</p>
            <p><a class="cta" href="/signup">Start a free trial</a></p>
            """),
        ("/pricing", "Pricing · Acme Analytics", """
            <h1>Pricing</h1>
            <ul><li><b>Starter</b> · $19 a month</li><li><b>Pro</b> · $49 a month</li><li><b>Enterprise</b> · talk to us</li></ul>
            <button type="button" onclick="rapport.track('Pricing Plan Selected', {plan: 'pro'}); this.textContent = 'Sent: Pricing Plan Selected';">Choose Pro</button>
            """),
        ("/features", "Features · Acme Analytics", """
            <h1>Features</h1>
            <p>Scheduled digests, CSV and PDF exports, a Salesforce sync, and dashboards for every team.</p>
            <button type="button" onclick="rapport.track('flow_completed', {flow_name: 'Feature tour'}); this.textContent = 'Sent: flow_completed';">Finish the feature tour</button>
            """),
        ("/signup", "Sign up · Acme Analytics", """
            <h1>Sign up</h1>
            <form id="signup">
              <p><label>Email <input name="email" type="email" required></label></p>
              <p><label>First name <input name="firstName" required></label></p>
              <p><label>Company <input name="company"></label></p>
              <button type="submit">Create my account</button>
            </form>
            <p id="signed-up" hidden>Welcome! You are identified in Rapport by your email; open the console's Profiles page to find yourself.</p>
            <script>
            document.getElementById('signup').addEventListener('submit', function (e) {
              e.preventDefault();
              var f = e.target;
              rapport.identify(f.email.value, {email: f.email.value, firstName: f.firstName.value, company: f.company.value});
              if (f.company.value) rapport.group('site-' + f.company.value.toLowerCase().replace(/[^a-z0-9]+/g, '-'), {name: f.company.value});
              rapport.track('checklist_item_completed', {checklist_name: 'Getting started', item_index: 0, item_name: 'Create an account'});
              document.getElementById('signed-up').hidden = false;
            });
            </script>
            """),
        ("/feedback", "Feedback · Acme Analytics", """
            <h1>How likely are you to recommend Acme Analytics?</h1>
            <form id="nps">
              <fieldset><legend>0 = not at all, 10 = extremely likely</legend>
              <p class="scores"></p></fieldset>
              <p><label>What is the main reason for your score? <textarea name="feedback"></textarea></label></p>
              <button type="submit">Send</button>
            </form>
            <p id="thanks" hidden>Thank you! Your answer is now an NPS score on your profile, and a Salesforce task once you are synced.</p>
            <script>
            var scores = document.querySelector('#nps .scores');
            for (var i = 0; i <= 10; i++) scores.insertAdjacentHTML('beforeend', '<label><input type="radio" name="score" value="' + i + '" required> ' + i + '</label> ');
            document.getElementById('nps').addEventListener('submit', function (e) {
              e.preventDefault();
              var f = e.target;
              rapport.track('nps_score', {score: Number(f.score.value)});
              if (f.feedback.value) rapport.track('nps_feedback', {feedback: f.feedback.value});
              document.getElementById('thanks').hidden = false;
            });
            </script>
            """),
    ];

    public static async Task<WebApplication> StartAsync(string urls, string rapportUrl, string writeKey, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var snippet = SdkSnippet.Render(rapportUrl, writeKey);
        foreach (var (path, title, body) in Pages)
        {
            var html = Render(title, body, snippet);
            app.MapGet(path, () => TypedResults.Content(html, "text/html; charset=utf-8"));
        }
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static string Render(string title, string body, string snippet) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        {{snippet}}
        <style>
          body { font-family: system-ui, sans-serif; margin: 0; color: #1c2330; line-height: 1.5; }
          header { background: #14213d; padding: .75rem 1rem; } header a { color: #fff; margin-right: 1rem; }
          main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
          .cta, button { background: #0b5cad; color: #fff; border: 0; border-radius: 6px; padding: .5rem 1rem; font: inherit; text-decoration: none; cursor: pointer; }
          input, textarea { font: inherit; } textarea { width: 100%; min-height: 4rem; }
        </style>
        </head><body>
        <header><nav><a href="/">Home</a><a href="/features">Features</a><a href="/pricing">Pricing</a><a href="/signup">Sign up</a><a href="/feedback">Feedback</a></nav></header>
        <main>{{body}}</main>
        </body></html>
        """;
}
