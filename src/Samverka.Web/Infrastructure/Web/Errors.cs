using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Audit;

namespace Samverka.Web.Infrastructure.Web;

/// <summary>
/// Turns a refused domain rule or a stale edit into a Swedish message on the same page, with
/// everything the user typed still in the form. One place, for every page.
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Razor Pages render a page whose model was never loaded when no handler matches the
        // method (a POST to a read-only page); answer 405 instead.
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }

        // Likewise a GET naming a handler that does not exist (e.g. /…/Lock, which only posts).
        if (context.HandlerMethod is null && (context.RouteData.Values.TryGetValue("handler", out var h) && h is string { Length: > 0 }
                                              || context.HttpContext.Request.Query.ContainsKey("handler")))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled || executed.HandlerInstance is not PageModel page)
        {
            return;
        }

        if (executed.Exception is RecordNotFoundException)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
            return;
        }

        if (executed.Exception is ScopeViolationException)
        {
            // A write outside the user's scope that the page let through: refuse it as forbidden, not as a crash.
            executed.Result = new ForbidResult();
            executed.ExceptionHandled = true;
            return;
        }

        switch (executed.Exception)
        {
            case DomainException domain:
                var prefix = (page as IHasSeveralForms)?.FormPrefix ?? "Input";
                foreach (var (field, text) in domain.Errors.Count > 0 ? domain.Errors : new Dictionary<string, string> { [domain.Field ?? ""] = domain.Message })
                {
                    page.ModelState.AddModelError(field.Length == 0 ? "" : $"{prefix}.{field}", text);
                }

                break;
            case DbUpdateConcurrencyException concurrency:
                var db = context.HttpContext.RequestServices.GetRequiredService<SamverkaDbContext>();
                var (message, currentVersion) = await Concurrency.DescribeAsync(db, concurrency, context.HttpContext.RequestAborted);
                page.ModelState.AddModelError("", message);
                if (currentVersion is not null)
                {
                    // The form now carries the version the user has seen, so saving again is a deliberate overwrite.
                    page.ModelState.SetModelValue($"{(page as IHasSeveralForms)?.FormPrefix ?? "Input"}.Version", currentVersion, currentVersion);
                }

                break;
            default:
                return;
        }

        await page.OnGetReloadAsync();
        executed.Result = page.Page();
        executed.ExceptionHandled = true;
    }
}

/// <summary>The record asked for does not exist or is outside the actor's scope (the same answer for both): 404.</summary>
public sealed class RecordNotFoundException(string what) : Exception($"{what} finns inte, eller så har du inte behörighet att se det.")
{
    public string What { get; } = what;
}

public static class PageModelExtensions
{
    /// <summary>Pages that show lists or options beside the form reload them here after a refused save; the typed input stays.</summary>
    public static Task OnGetReloadAsync(this PageModel page) =>
        page is IReloadsOnError reloads ? reloads.ReloadAsync() : Task.CompletedTask;
}

public interface IReloadsOnError
{
    Task ReloadAsync();
}

/// <summary>A page with several forms, each bound to its own property: a refused field is reported under the form that was posted.</summary>
public interface IHasSeveralForms
{
    string FormPrefix { get; }
}

public static class Concurrency
{
    /// <summary>What the other person changed, read from the audit log, in Swedish; and the record's current version.</summary>
    public static async Task<(string Message, string? CurrentVersion)> DescribeAsync(
        SamverkaDbContext db, DbUpdateConcurrencyException exception, CancellationToken ct)
    {
        var entry = exception.Entries.FirstOrDefault();
        if (entry is null)
        {
            return ("Någon annan har ändrat uppgifterna samtidigt. Ladda om sidan och försök igen.", null);
        }

        var id = (Guid)entry.Property("Id").CurrentValue!;
        var type = entry.Metadata.ClrType.Name;
        var values = await entry.GetDatabaseValuesAsync(ct);
        if (values is null)
        {
            return ("Posten har tagits bort av någon annan medan du redigerade den.", null);
        }

        db.ChangeTracker.Clear();
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == type && a.EntityId == id)
            .OrderByDescending(a => a.At).FirstOrDefaultAsync(ct);
        var who = last is null ? "någon annan" : $"{last.ActorName} {Swedish.DateTime(last.At)}";
        var what = last is null ? "" : " Ändringen: " + AuditText.Describe(last.Changes) + ".";
        return ($"Uppgifterna ändrades av {who} medan du redigerade.{what} Det du skrev finns kvar nedan: kontrollera och spara igen för att skriva över, eller avbryt.",
            values[nameof(IVersioned.Version)]?.ToString());
    }
}
