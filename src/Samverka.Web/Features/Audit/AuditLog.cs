using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Audit;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Audit;

public sealed record AuditEntryDto(Guid Id, DateTimeOffset At, string ActorName, string EntityType, Guid EntityId, AuditAction Action, IReadOnlyList<AuditChangeDto> Changes);

public sealed record AuditChangeDto(string Field, string? Before, string? After);

/// <summary>The history of one record. The scope filter on audit entries decides what is visible.</summary>
public sealed class AuditLogService(SamverkaDbContext db)
{
    public static readonly IReadOnlySet<string> EntityTypes = new HashSet<string>(StringComparer.Ordinal) { "Organisation", "Municipality", "Committee", "ApplicationUser", "Guideline", "Case", "Agreement", "Partnership", "BudgetFrame", "OtherSupport" };

    public async Task<Page<AuditEntryDto>?> HistoryAsync(string entityType, Guid id, int? page, int? pageSize, CancellationToken ct)
    {
        if (!EntityTypes.Contains(entityType))
        {
            return null;
        }

        var (number, size) = Page<AuditEntryDto>.Clamp(page, pageSize);
        // A partnership's history is its own changes and those of its records (ADR 0012).
        var q = db.AuditEntries.AsNoTracking().Where(a => (a.EntityType == entityType && a.EntityId == id) || (entityType == "Partnership" && a.ParentId == id));
        var total = await q.CountAsync(ct);
        if (total == 0)
        {
            return null;
        }

        var items = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new(items.Select(a => new AuditEntryDto(a.Id, a.At, a.ActorName, a.EntityType, a.EntityId, a.Action,
            AuditText.Parse(a.Changes).Select(c => new AuditChangeDto(c.Field, c.Before, c.After)).ToList())).ToList(), number, size, total);
    }
}

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit/{entityType}/{id:guid}", async Task<Results<Ok<Page<AuditEntryDto>>, ProblemHttpResult>> (
                    string entityType, Guid id, int? page, int? pageSize, AuditLogService audit, CancellationToken ct) =>
                await audit.HistoryAsync(entityType, id, page, pageSize, ct) is { } history ? TypedResults.Ok(history) : ApiErrors.NotFound("Historiken"))
            .RequireAuthorization(Policies.ReadAudit)
            .WithTags("Ändringslogg");
    }
}
