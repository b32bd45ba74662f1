using System.Diagnostics;
using SkiaSharp;

namespace Cauce.Cli.Tests.Harness;

/// <summary>What a page looked like in headless Chromium: how much of it has ink, and in how many colours.</summary>
public sealed record PageRender(int Width, int Height, double InkShare, int Colours);

/// <summary>Renders a local HTML file in headless Chromium, as a person would see it, and measures the screenshot.</summary>
public static class HeadlessChromium
{
    public static async Task<PageRender> RenderAsync(string htmlPath, int width = 1280, int height = 2400)
    {
        using var scratch = new TempFolder();
        var screenshot = scratch.Path("page.png");
        var profile = scratch.Path("chromium-profile");
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Requirements.Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--screenshot={screenshot}", $"--window-size={width},{height}",
            new Uri(htmlPath).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using (var chromium = Process.Start(start)!)
        {
            var stderr = chromium.StandardError.ReadToEndAsync();
            _ = chromium.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await chromium.WaitForExitAsync(timeout.Token);
            Assert.True(File.Exists(screenshot), $"no screenshot; chromium exited {chromium.ExitCode}: {await stderr}");
        }

        using var bitmap = SKBitmap.Decode(screenshot);
        long inked = 0;
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red < 235 || pixel.Green < 235 || pixel.Blue < 235)
                    inked++;
                colours.Add(((uint)(pixel.Red >> 2) << 16) | ((uint)(pixel.Green >> 2) << 8) | (uint)(pixel.Blue >> 2)); // 64 levels per channel
            }
        }

        return new PageRender(bitmap.Width, bitmap.Height, (double)inked / (bitmap.Width / 2 * (bitmap.Height / 2)), colours.Count);
    }
}
