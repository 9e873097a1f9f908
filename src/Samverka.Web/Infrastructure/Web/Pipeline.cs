using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Infrastructure.Web;

public static class Pipeline
{
    public static WebApplication UseSamverka(this WebApplication app)
    {
        if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        // Users never see a stack trace: the API answers RFC 7807, pages a Swedish error page.
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ApiErrors.StatusFor,
        }).UseStatusCodePages());
        app.UseWhen(ctx => !IsApi(ctx), pages => pages
            .UseExceptionHandler("/fel")
            .UseStatusCodePagesWithReExecute("/status/{0}"));

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication, so API limits are per user or token, not per address
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapHealthChecks("/health", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapApiReference();
        app.MapApi();
        if (app.Configuration.GetValue("Bench:Enabled", false))
        {
            // Constant response for the load benchmark's baseline; never mapped outside the bench configuration.
            app.MapGet("/bench/baseline", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    public static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// The API reference page. Scalar's own page starts with an inline script, which our CSP
    /// forbids, so Scalar only serves its bundled assets (under /api/reference, no CDN) and our
    /// page at /api/docs starts it from a script file.
    /// </summary>
    private static void MapApiReference(this WebApplication app)
    {
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, "/api/reference").AllowAnonymous().ExcludeFromDescription();
        // Before Scalar's own page at the same address (whose {documentName?} would otherwise make the match ambiguous: a 500).
        app.MapGet("/api/reference", () => Results.Redirect("/api/docs")).AllowAnonymous().ExcludeFromDescription().WithOrder(-1);
        app.MapGet("/api/docs", () => Results.Content(ApiDocsPage, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }

    private const string ApiDocsPage = """
        <!DOCTYPE html>
        <html lang="sv">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>API-dokumentation – Samverka</title>
        </head>
        <body>
            <noscript><p>API-beskrivningen finns som OpenAPI-dokument på <a href="/openapi/v1.json">/openapi/v1.json</a>.</p></noscript>
            <div id="app"></div>
            <script src="/api/reference/scalar.js"></script>
            <script src="/js/api-docs.js"></script>
        </body>
        </html>
        """;
}
