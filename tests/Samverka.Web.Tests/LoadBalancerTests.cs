using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Two instances of the built app behind a real load balancer (nginx) on one PostgreSQL database,
/// restarted one at a time (SIGTERM, start again) while a signed-in person browses and an
/// integration reads and writes through the balancer: no request fails, the session and the
/// antiforgery keys are shared (Data Protection in the database), and every write that was
/// acknowledged is there. Then a sign-in with a second factor and an upload with its download,
/// each step free to land on either instance.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LoadBalancerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AppInstances _app = new("samverka_lb");
    private readonly string _folder = Directory.CreateTempSubdirectory("samverka-lb-").FullName;
    private Process? _nginx;

    public async ValueTask InitializeAsync()
    {
        await _app.CreateDatabaseAsync();
        _app.Settings["Samverka__Jobs__Enabled"] = "false";
        _app.Settings["Email__PickupDirectory"] = "";
    }

    [Fact]
    public async Task Two_instances_behind_nginx_restart_one_at_a_time_and_no_request_fails()
    {
        var (portA, portB, balancer) = (AppInstances.FreePort(), AppInstances.FreePort(), AppInstances.FreePort());
        var a = await _app.StartAsync("a", seed: true, port: portA);
        var b = await _app.StartAsync("b", seed: false, port: portB);
        StartNginx(balancer, portA, portB);
        var lb = new Uri($"http://127.0.0.1:{balancer}");
        await _app.UntilAsync(async () =>
        {
            try
            {
                using var probe = new HttpClient();
                return (await probe.GetAsync(new Uri(lb, "/health/ready"), Ct)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "nginx to pass requests on");

        // A person signed in through the balancer, with a cookie session; an integration with a key.
        var person = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = lb };
        var signedIn = await person.PostFormAsync("/logga-in", ("Input.Email", Demo.Official), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password));
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        var key = (await _app.RunAsync("create-token", "--email", Demo.Official, "--name", "lb", "--days", "1")).Trim().Split('\n')[^1];
        var integration = new HttpClient { BaseAddress = lb };
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var partnership = (await (await integration.GetAsync("/api/v1/partnerships?pageSize=1", Ct)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct))
            .GetProperty("items")[0].GetProperty("id").GetGuid();

        // Load through the balancer for the whole rolling restart.
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var requests = 0;
        using var stop = new CancellationTokenSource();
        var today = Samverka.Domain.Formatting.Swedish.Today(TimeProvider.System);
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var page = await person.GetAsync("/", CancellationToken.None);
                    var html = await page.Content.ReadAsStringAsync(CancellationToken.None);
                    if (page.StatusCode != HttpStatusCode.OK || !html.Contains("Henrik Handläggare", StringComparison.Ordinal))
                    {
                        failures.Enqueue($"start page: {(int)page.StatusCode} {page.Headers.Location}");
                    }

                    var list = await integration.GetAsync("/api/v1/partnerships", CancellationToken.None);
                    if (!list.IsSuccessStatusCode)
                    {
                        failures.Enqueue($"list: {(int)list.StatusCode}");
                    }

                    if (i % 3 == 0)
                    {
                        var title = $"Genom lastbalanseraren {i}";
                        var write = await integration.PostAsJsonAsync($"/api/v1/partnerships/{partnership}/activities", new { date = today, title, figures = Array.Empty<object>() }, CancellationToken.None);
                        if (write.IsSuccessStatusCode)
                        {
                            acknowledged.Add(title);
                        }
                        else
                        {
                            failures.Enqueue($"write: {(int)write.StatusCode} {await write.Content.ReadAsStringAsync(CancellationToken.None)}");
                        }
                    }

                    Interlocked.Add(ref requests, i % 3 == 0 ? 3 : 2);
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{e.GetType().Name}: {e.Message}");
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        // One at a time: stop a (it finishes what it serves), start it again, then b.
        await Task.Delay(1000, Ct);
        await AppInstances.StopAsync(a);
        await Task.Delay(1000, Ct);
        a = await _app.StartAsync("a", seed: false, port: portA);
        await Task.Delay(1000, Ct);
        await AppInstances.StopAsync(b);
        await Task.Delay(1000, Ct);
        b = await _app.StartAsync("b", seed: false, port: portB);
        await Task.Delay(1000, Ct);
        await stop.CancelAsync();
        await load;

        Assert.True(requests > 50, $"Only {requests} requests went through.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests} requests failed: {string.Join(" | ", failures.Take(5))}");
        var stored = await _app.ScalarAsync<long>($"SELECT COUNT(*) FROM \"Activities\" WHERE \"Title\" LIKE 'Genom lastbalanseraren %'");
        Assert.Equal(acknowledged.Count, stored);

        // After both restarts the same session goes on, and a form from one instance posts to the other.
        var token = await person.AntiforgeryTokenAsync("/konto");
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Contains("Henrik Handläggare", await person.GetStringAsync("/konto", Ct), StringComparison.Ordinal);

        // A second factor through the balancer: the password step on one instance, the code on another (round-robin).
        var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = lb };
        var password = await admin.PostFormAsync("/logga-in", ("Input.Email", Demo.MunicipalAdmin), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password));
        Assert.StartsWith("/logga-in/tvastegs", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var code = await admin.PostFormAsync(password.Headers.Location!.OriginalString, ("Input.Code", Http.Totp(Samverka.Web.Infrastructure.Seeding.DemoData.AuthenticatorKey)));
        Assert.Equal("/", code.Headers.Location?.OriginalString);

        // An upload through the balancer, and the file back intact through it (stored in the database, ADR 0008).
        var club = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = lb };
        Assert.Equal("/", (await club.PostFormAsync("/logga-in", ("Input.Email", Demo.OrganisationRep), ("Input.Password", Samverka.Web.Infrastructure.Seeding.DemoData.Password))).Headers.Location?.OriginalString);
        var soraker = await _app.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"Organisations\" WHERE \"OrgNumber\" = '{Demo.Soraker}'");
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"u8.ToArray();
        var form = new MultipartFormDataContent
        {
            { new StringContent("Stadgar"), "Input.Kind" }, { new StringContent("2025"), "Input.Year" },
            { new ByteArrayContent(pdf), "Input.File", "stadgar.pdf" }, { new StringContent(await club.AntiforgeryTokenAsync($"/organisationer/{soraker}/handlingar")), "__RequestVerificationToken" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await club.PostAsync($"/organisationer/{soraker}/handlingar", form, Ct)).StatusCode);
        var document = await _app.ScalarAsync<Guid>("SELECT \"Id\" FROM \"OrganisationDocuments\" LIMIT 1");
        for (var i = 0; i < 2; i++) // both instances serve it
        {
            Assert.Equal(pdf, await (await club.GetAsync($"/api/v1/organisations/{soraker}/documents/{document}/content", Ct)).Content.ReadAsByteArrayAsync(Ct));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{requests} requests through the balancer during the rolling restart, {failures.Count} failed; {acknowledged.Count} writes acknowledged, {stored} stored.");
    }

    private void StartNginx(int listen, int portA, int portB)
    {
        foreach (var sub in new[] { "logs", "body", "proxy", "fcgi", "uwsgi", "scgi" })
        {
            Directory.CreateDirectory(Path.Combine(_folder, sub));
        }

        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)0x1FF); // the workers run as nobody when started by root
            foreach (var sub in Directory.GetDirectories(_folder))
            {
                File.SetUnixFileMode(sub, (UnixFileMode)0x1FF);
            }
        }

        var config = $$"""
            worker_processes 1;
            error_log {{_folder}}/logs/error.log warn;
            pid {{_folder}}/nginx.pid;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{_folder}}/body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                upstream samverka {
                    server 127.0.0.1:{{portA}} max_fails=1 fail_timeout=2s;
                    server 127.0.0.1:{{portB}} max_fails=1 fail_timeout=2s;
                }
                server {
                    listen 127.0.0.1:{{listen}};
                    location / {
                        proxy_pass http://samverka;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_connect_timeout 2s;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                    }
                }
            }
            """;
        var file = Path.Combine(_folder, "nginx.conf");
        File.WriteAllText(file, config);
        var start = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", _folder, "-c", file, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }

        _nginx = Process.Start(start)!;
        _nginx.ErrorDataReceived += (_, _) => { };
        _nginx.BeginErrorReadLine();
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
