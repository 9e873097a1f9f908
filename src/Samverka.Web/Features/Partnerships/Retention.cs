using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Audit;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Partnerships;

/// <summary>What one run of the retention job removed in one municipality: a count, never content.</summary>
public sealed record RetentionResult(Guid MunicipalityId, string Municipality, int RetentionMonths, DateOnly NotesBefore, int Deleted);

/// <summary>
/// Deletes day notes older than each municipality's retention period. Runs as System (the only
/// actor that reaches every municipality's personal data) and logs, in the same transaction as the
/// delete, how many notes it removed and the cut-off date: counts, not content.
/// </summary>
public sealed class RetentionService(SamverkaDbContext db, CurrentUserAccessor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<RetentionResult>> RunAsync(CancellationToken ct)
    {
        actor.ActAs(CurrentUser.System);
        var today = Swedish.Today(clock);
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Name, m.DayNoteRetentionMonths }).ToListAsync(ct);
        var results = new List<RetentionResult>();
        foreach (var m in municipalities)
        {
            var before = DayNote.OldestKept(today, m.DayNoteRetentionMonths);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var deleted = await db.DayNotes.Where(d => d.MunicipalityId == m.Id && d.Date < before).ExecuteDeleteAsync(ct);
            if (deleted > 0)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    At = clock.GetUtcNow(),
                    ActorName = "Gallring",
                    EntityType = nameof(DayNote),
                    EntityId = m.Id,
                    Action = AuditAction.Deleted,
                    MunicipalityId = m.Id,
                    Changes = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["DeletedDayNotes"] = new { before = deleted },
                        ["NotesBefore"] = new { before = Swedish.Date(before) },
                        ["RetentionMonths"] = new { before = m.DayNoteRetentionMonths },
                    }),
                });
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            results.Add(new(m.Id, m.Name, m.DayNoteRetentionMonths, before, deleted));
        }

        return results;
    }
}
