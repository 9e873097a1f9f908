using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;
using Samverka.Web.Data;

namespace Samverka.Web.Features.Guidelines;

public sealed record GuidelineSummaryDto(Guid Id, int Number, string Title, DateOnly AdoptedOn, string? DecisionReference);

public sealed record GuidelineReviewDto(ReviewStatus Status, string DuePeriod, DateOnly DueBy, string Text);

public sealed record GuidelineDto(
    Guid Id, Guid MunicipalityId, int Number, string Title, DateOnly AdoptedOn, string? DecisionReference, GuidelineRules Rules,
    GuidelineReviewDto Review, bool IsCurrent);

/// <summary>A new version of the guidelines. The rules come whole; nothing is merged from the previous version.</summary>
public sealed class GuidelineInput
{
    public string Title { get; set; } = "";
    public DateOnly? AdoptedOn { get; set; }
    public string? DecisionReference { get; set; }
    public GuidelineRules Rules { get; set; } = new();
}

/// <summary>Versions of a municipality's IOP guidelines, shared by pages and API.</summary>
public sealed class GuidelineService(SamverkaDbContext db, TimeProvider clock)
{
    public Task<Guideline?> CurrentAsync(Guid municipalityId, CancellationToken ct) =>
        db.Guidelines.AsNoTracking().Where(g => g.MunicipalityId == municipalityId).OrderByDescending(g => g.Number).FirstOrDefaultAsync(ct);

    public Task<Guideline?> FindAsync(Guid id, CancellationToken ct) => db.Guidelines.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);

    public async Task<IReadOnlyList<GuidelineSummaryDto>> VersionsAsync(Guid municipalityId, CancellationToken ct) =>
        await db.Guidelines.AsNoTracking().Where(g => g.MunicipalityId == municipalityId).OrderByDescending(g => g.Number).Take(100)
            .Select(g => new GuidelineSummaryDto(g.Id, g.Number, g.Title, g.AdoptedOn, g.DecisionReference)).ToListAsync(ct);

    public async Task<GuidelineDto> ToDtoAsync(Guideline g, CancellationToken ct)
    {
        var latest = await db.Guidelines.Where(x => x.MunicipalityId == g.MunicipalityId).MaxAsync(x => x.Number, ct);
        var review = g.Review(Swedish.Today(clock));
        return new(g.Id, g.MunicipalityId, g.Number, g.Title, g.AdoptedOn, g.DecisionReference, g.Rules,
            new(review.Status, review.DuePeriod.ToString(), review.DueBy, review.Swedish), g.Number == latest);
    }

    /// <summary>Adopts a new version (the first, or the next after the current one).</summary>
    public async Task<Guideline> AdoptAsync(Guid municipalityId, GuidelineInput input, CancellationToken ct)
    {
        var adoptedOn = input.AdoptedOn ?? throw new DomainException("Ange när riktlinjerna antogs eller sågs över.", nameof(GuidelineInput.AdoptedOn));
        if (adoptedOn > Swedish.Today(clock))
        {
            throw new DomainException("Antagandedatumet kan inte ligga i framtiden.", nameof(GuidelineInput.AdoptedOn));
        }

        var current = await CurrentAsync(municipalityId, ct);
        var next = current is null
            ? Guideline.First(municipalityId, input.Title, adoptedOn, input.DecisionReference, input.Rules)
            : current.Revise(input.Title, adoptedOn, input.DecisionReference, input.Rules);
        db.Guidelines.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(next).State = EntityState.Detached;
            if (await db.Guidelines.AnyAsync(g => g.MunicipalityId == municipalityId && g.Number == next.Number, ct))
            {
                throw new DomainException("Någon annan sparade en ny version samtidigt. Läs in riktlinjerna på nytt.");
            }

            throw;
        }

        return next;
    }
}
