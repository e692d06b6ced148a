using Microsoft.Playwright;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Sweep.Golden.Tests.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Browser;

/// <summary>
/// A report.html made by the real code from the synthetic sweep, and a headless Debian chromium to
/// open it in: started on first use (so a skipped class starts nothing), shared by a class's tests.
/// Every page it opens records its console errors and uncaught exceptions.
/// </summary>
public sealed class ReportPage : IAsyncLifetime
{
    public static readonly Rule[] Rules = [Rule.Valley, Rule.Steepest, Rule.MinLoss];

    public static readonly string[] Findings =
        ["The valley rule's suggestion grows as about the square root of the batch size.", "Batch size 8 is the noisiest <by far>."];

    private readonly SemaphoreSlim gate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static ReportInput Input => new(
        "Sweep report: synthetic (browser)",
        [new("model", "mlp"), new("batch sizes", string.Join(", ", SyntheticSweep.BatchSizes)), new("seeds", "0-4")],
        SyntheticSweep.Runs.Value, SyntheticSweep.Summaries,
        Rules.Select(rule => new RuleFit(rule, SyntheticSweep.Fit(rule), SyntheticSweep.Interval(SyntheticSweep.Fit(rule)))).ToArray(),
        Findings);

    /// <summary>Where the report is written (beside the figure tests' pictures, ignored by git).</summary>
    public static string ReportPath => System.IO.Path.Combine(FigureOutput.Folder(), "browser", "report.html");

    /// <summary>A new page with the report loaded, and the list its console errors go to.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync()
    {
        var running = await BrowserAsync();
        var page = await running.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        await page.GotoAsync(new Uri(ReportPath).AbsoluteUri);
        await page.WaitForFunctionAsync("() => window.sweepCharts && window.sweepCharts.length === 1");
        return (page, errors);
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (browser is not null) return browser;
            var executable = DebianChromium.Path;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(ReportPath)!);
            File.WriteAllText(ReportPath, Report.Html(Input));
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"],
            });
            return browser;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}
