using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Cases;
using Samverka.Web.Features.Organisations;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Agreements;

public abstract class AgreementEdit
{
    public Guid? Version { get; set; }
}

public sealed class AgreementVersionInput : AgreementEdit;

/// <summary>A scanned copy to attach; a later one says what it corrects.</summary>
public sealed class ScanInput : AgreementEdit
{
    public string? Correction { get; set; }
}

public sealed class SectionInput : AgreementEdit
{
    public int Number { get; set; }
    public string? Text { get; set; }
}

public sealed class FactsInput : AgreementEdit
{
    public string? TargetGroup { get; set; }
    public int? AgeFrom { get; set; }
    public int? AgeTo { get; set; }
    public string? DecidingCommittee { get; set; }
    public string? ResponsibleOffice { get; set; }
    public string? ResponsiblePerson { get; set; }
    public string? DecisionRule { get; set; }
    public string? MeetingRhythm { get; set; }
    public string? FollowUpForms { get; set; }

    /// <summary>The statistics followed up, one per line.</summary>
    public string? KeyFigures { get; set; }
}

public sealed class TermInput : AgreementEdit
{
    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }

    /// <summary>The month extension is decided, written 2018-11.</summary>
    public string? ExtensionDecidedIn { get; set; }
}

public sealed class MemberInput
{
    public Guid PartyId { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
}

public sealed class SteeringGroupInput : AgreementEdit
{
    public List<MemberInput> Members { get; set; } = [];
}

public sealed class LineInput : AgreementEdit
{
    /// <summary>Set to change an existing line; empty adds one.</summary>
    public Guid? LineId { get; set; }

    public Guid? PartyId { get; set; }
    public int? Year { get; set; }
    public string? Label { get; set; }
    public BudgetCategory? Category { get; set; }
    public bool InKind { get; set; }

    /// <summary>As agreements write it: <c>44 veckor × 40 tim × 134 kr</c>, <c>196 tkr × 10 %</c>, <c>500 tkr</c>.</summary>
    public string? Calculation { get; set; }

    /// <summary>Only when transcribing a document: the amount it states for the line (checked, never trusted).</summary>
    public string? StatedAmount { get; set; }

    public string? StatedHours { get; set; }
    public string? Note { get; set; }
}

public sealed class RemoveLineInput : AgreementEdit
{
    public Guid? LineId { get; set; }
}

public sealed class StatedTotalInput : AgreementEdit
{
    public Guid? PartyId { get; set; }
    public int? Year { get; set; }

    /// <summary>Empty removes the stated total.</summary>
    public string? Amount { get; set; }
}

public sealed class SignatoryInput
{
    public Guid? Id { get; set; }
    public Guid PartyId { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
}

public sealed class SignatoriesInput : AgreementEdit
{
    public List<SignatoryInput> Signatories { get; set; } = [];
}

public sealed class SignInput : AgreementEdit
{
    public Guid? SignatoryId { get; set; }

    /// <summary>A full date, 2026-11-23 (text, so that "2021-12-" gets a Swedish answer rather than a binding error).</summary>
    public string? SignedOn { get; set; }
}

public sealed class ConsultationInput : AgreementEdit
{
    public DateOnly? On { get; set; }
    public string? Legal { get; set; }
    public string? Finance { get; set; }
}

public sealed class AmendmentDecisionInput : AgreementEdit
{
    public string? Body { get; set; }
    public DateOnly? MeetingDate { get; set; }
    public string? Paragraph { get; set; }
    public string? CaseNumber { get; set; }
}

public sealed record BudgetLineDto(Guid Id, Guid PartyId, string Party, int Year, string Label, BudgetCategory Category, string CategoryText, bool InKind,
    string Calculation, decimal Amount, decimal? Hours, decimal? StatedAmount, decimal? StatedHours, string? Note);

public sealed record PartyTotalDto(Guid PartyId, string Party, int Year, decimal Money, decimal InKind, decimal Total, decimal? Stated);

public sealed record BudgetSummaryDto(decimal MunicipalTotal, decimal MunicipalMoney, decimal OrganisationTotal, decimal GrandTotal, decimal? MunicipalSharePercent,
    decimal? OrganisationPerMunicipalKrona, decimal VolunteerHours, bool BothPartiesFinance, IReadOnlyList<PartyTotalDto> Totals, IReadOnlyList<BudgetWarning> Warnings);

public sealed record AgreementPermissions(bool Edit, bool Sign);

public sealed record AgreementDto(
    Guid Id, Guid Version, string Title, AgreementState State, string StateText, int Number, int? FrozenNumber,
    Guid? CaseId, NamedDto Municipality, IReadOnlyList<AgreementParty> Parties, IReadOnlyList<AgreementSection> Sections, AgreementFacts Facts,
    DateOnly? TermStart, DateOnly? TermEnd, DateOnly? RenewalDialogueStarts, DateOnly? RenewLatest, int MaxTermYears,
    IReadOnlyList<SteeringMember> SteeringGroup, IReadOnlyList<BudgetLineDto> Budget, BudgetSummaryDto Summary, IReadOnlyList<Signatory> Signatories,
    AgreementDecision? Decision, bool ConsultationRequired, Consultation? Consultation, string ContentSha256, string? SignedSha256, DateOnly? SignedOn,
    string? ScanSha256, Guid? AmendsId, int AmendmentNumber, IReadOnlyList<string> Gaps, AgreementPermissions Permissions,
    IReadOnlyList<AgreementScan> Scans)
{
    /// <summary>The diarienummer to print in the footer (from the decision, when there is one).</summary>
    public string? CaseNumber => Decision?.CaseNumber;

    public string PartyName(Guid id) => Parties.FirstOrDefault(p => p.Id == id)?.Name ?? "(okänd part)";
}

public sealed record AgreementSummaryDto(Guid Id, string Title, AgreementState State, string StateText, string Municipality, IReadOnlyList<string> Organisations,
    DateOnly? TermStart, DateOnly? TermEnd, int AmendmentNumber);

public sealed record AgreementVersionDto(int Number, DateTimeOffset SavedAt, string SavedBy, string Sha256, string? Note);

public sealed record VerificationDto(bool Signed, string? SignedSha256, string CurrentSha256, bool Matches, string? ScanSha256);

/// <summary>Agreements: drafted from a case, edited version by version, frozen for decision, signed and then immutable.</summary>
public sealed class AgreementService(SamverkaDbContext db, Handoffs.Handoffs handoffs, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public static AgreementPermissions PermissionsFor(CurrentUser user, Agreement a)
    {
        var leads = user.SeesAllMunicipalities || user.MunicipalityIds.Contains(a.MunicipalityId);
        var official = user.Role is Role.Official or Role.MunicipalAdministrator or Role.SystemAdministrator;
        return new(Edit: leads && official, Sign: leads && official);
    }

    public Task<Agreement?> FindAsync(Guid id, CancellationToken ct) => db.Agreements.FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The agreement of a case (not its amendments), if drafted.</summary>
    public Task<Agreement?> ForCaseAsync(Guid caseId, CancellationToken ct) => db.Agreements.FirstOrDefaultAsync(a => a.CaseId == caseId && a.AmendsId == null, ct);

    public async Task<Page<AgreementSummaryDto>> ListAsync(string? state, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<AgreementSummaryDto>.Clamp(page, pageSize);
        var q = db.Agreements.AsNoTracking();
        if (Enum.TryParse<AgreementState>(state, ignoreCase: true, out var s))
        {
            q = q.Where(a => a.State == s);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var municipalities = rows.Select(r => r.MunicipalityId).Distinct().ToList();
        var names = await db.Municipalities.IgnoreQueryFilters().AsNoTracking().Where(m => municipalities.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        return new(rows.Select(a => new AgreementSummaryDto(a.Id, a.Content.Title, a.State, a.State.Swedish(), names.GetValueOrDefault(a.MunicipalityId, ""),
            a.Content.Parties.Where(p => p.Kind == PartyKind.Organisation).Select(p => p.Name).ToList(), a.Content.TermStart, a.Content.TermEnd, a.AmendmentNumber)).ToList(),
            number, size, total);
    }

    /// <summary>Drafts the agreement of a case: the guideline's sections prefilled from the case, its parties, term, target group and deciding body.</summary>
    public async Task<Agreement> DraftFromCaseAsync(Guid caseId, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new RecordNotFoundException("Ärendet");
        if (!CasePermissions.For(User, c).Prepare)
        {
            throw new ScopeViolationException("Du har inte behörighet att upprätta överenskommelsen.");
        }

        if (c.State is not (CaseState.Draft or CaseState.Approved))
        {
            throw new DomainException($"Överenskommelsen upprättas i steget utkast (ärendet är i steget {c.State.Swedish().ToLowerInvariant()}).");
        }

        if (await db.Agreements.AnyAsync(a => a.CaseId == caseId && a.AmendsId == null, ct))
        {
            throw new DomainException("Ärendet har redan en överenskommelse.") { IsConflict = true };
        }

        var municipalities = await db.Municipalities.IgnoreQueryFilters().AsNoTracking().Where(m => c.MunicipalityIds.Contains(m.Id)).ToListAsync(ct);
        var organisations = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => c.OrganisationIds.Contains(o.Id)).ToListAsync(ct);
        var parties = c.MunicipalityIds.Select(id => municipalities.First(m => m.Id == id)).Select(m => new AgreementParty(m.Id, PartyKind.Municipality, m.Name, null))
            .Concat(c.OrganisationIds.Select(id => organisations.First(o => o.Id == id)).Select(o => new AgreementParty(o.Id, PartyKind.Organisation, o.Name, o.OrgNumber)))
            .ToList();
        var values = string.Join("\n\n", c.Meetings.Select(m => m.Values).OfType<string>());
        var purpose = string.Join("\n\n", c.Meetings.SelectMany(m => new[] { m.Goal, m.Purpose }).OfType<string>());
        var prefill = new Dictionary<string, string>
        {
            ["Bakgrund, syfte, mål och målgrupp"] = $"{c.Idea}\n\nMålgrupp: {c.TargetGroup}." + (purpose.Length > 0 ? $"\n\n{purpose}" : ""),
            ["Värdegrund"] = values,
            ["Samverkansformer"] = "Parterna samverkar i en gemensam styrgrupp med ledamöter från varje part.",
            ["Rutiner för utbetalning och ekonomisk redovisning"] = $"Kommunens medel betalas ut {c.Rules.PaymentInterval.Swedish()}" +
                (c.Rules.FollowUpGatesPayment ? " efter att uppföljningen godkänts." : ".") +
                $" Organisationen redovisar hur medlen använts vid uppföljningen, som görs minst {c.Rules.MinimumFollowUp.Swedish()}.",
        };
        // The municipality's standard clause goes into whichever section is about renegotiation and repayment.
        if (c.Rules.RepaymentClause is { } clause && c.Rules.AgreementSections.FirstOrDefault(h => h.Contains("omförhandling", StringComparison.OrdinalIgnoreCase)
                || h.Contains("återbetalning", StringComparison.OrdinalIgnoreCase)) is { } heading)
        {
            prefill[heading] = clause;
        }

        var facts = new AgreementFacts { TargetGroup = c.TargetGroup, DecidingCommittee = c.DecidingBody?.CommitteeName };
        var agreement = Agreement.Draft(c.Id, c.MunicipalityId, c.MunicipalityIds, c.OrganisationIds, c.Rules, c.Title, parties,
            Agreement.SectionsFrom(c.Rules, prefill), facts, c.TermStart, c.TermEnd, clock.GetUtcNow());
        db.Agreements.Add(agreement);
        db.AgreementVersions.Add(new AgreementVersion(agreement, User.Name, clock.GetUtcNow(), "Utkast upprättat från ärendet"));
        await db.SaveChangesAsync(ct);
        return agreement;
    }

    public Task<Agreement> EditSectionAsync(Guid id, SectionInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, $"Avsnitt {input.Number} ändrat", a => a.EditSection(input.Number, input.Text), ct);

    public Task<Agreement> SetFactsAsync(Guid id, FactsInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Uppgifter ändrade", a => a.SetFacts(a.Content.Facts with
        {
            TargetGroup = input.TargetGroup ?? "", AgeFrom = input.AgeFrom, AgeTo = input.AgeTo, DecidingCommittee = input.DecidingCommittee,
            ResponsibleOffice = input.ResponsibleOffice, ResponsiblePerson = input.ResponsiblePerson, DecisionRule = input.DecisionRule ?? "",
            MeetingRhythm = input.MeetingRhythm ?? "", FollowUpForms = input.FollowUpForms,
            KeyFigures = (input.KeyFigures ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        }), ct);

    public Task<Agreement> SetTermAsync(Guid id, TermInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Avtalstid ändrad", a => a.SetTerm(input.TermStart, input.TermEnd, Month(input.ExtensionDecidedIn)), ct);

    public Task<Agreement> SetSteeringGroupAsync(Guid id, SteeringGroupInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Styrgrupp ändrad",
            a => a.SetSteeringGroup((input.Members ?? []).OfType<MemberInput>().Select(m => new SteeringMember(m.PartyId, m.Name ?? "", m.Role)).ToList()), ct);

    public Task<Agreement> SaveLineAsync(Guid id, LineInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, input.LineId is null ? $"Budgetrad tillagd: {input.Label}" : $"Budgetrad ändrad: {input.Label}", a =>
        {
            if (input.LineId is { } existing && a.Content.Budget.All(l => l.Id != existing))
            {
                throw new DomainException("Budgetraden finns inte.", nameof(LineInput.LineId));
            }

            a.SaveBudgetLine(new BudgetLine(input.LineId ?? Guid.CreateVersion7(),
                input.PartyId ?? throw new DomainException("Välj part.", nameof(LineInput.PartyId)),
                input.Year ?? throw new DomainException("Ange år.", nameof(LineInput.Year)),
                input.Label ?? "",
                input.Category ?? throw new DomainException("Välj vad raden avser.", nameof(LineInput.Category)),
                input.InKind,
                BudgetCalculation.Parse(input.Calculation, nameof(LineInput.Calculation)),
                Kronor(input.StatedAmount, nameof(LineInput.StatedAmount)),
                HoursValue(input.StatedHours, nameof(LineInput.StatedHours)),
                input.Note));
        }, ct);

    public Task<Agreement> RemoveLineAsync(Guid id, RemoveLineInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Budgetrad borttagen",
            a => a.RemoveBudgetLine(input.LineId ?? throw new DomainException("Välj budgetrad.", nameof(RemoveLineInput.LineId))), ct);

    public Task<Agreement> SetStatedTotalAsync(Guid id, StatedTotalInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Angiven summa ändrad", a => a.SetStatedTotal(
            input.PartyId ?? throw new DomainException("Välj part.", nameof(StatedTotalInput.PartyId)),
            input.Year ?? throw new DomainException("Ange år.", nameof(StatedTotalInput.Year)),
            Kronor(input.Amount, nameof(StatedTotalInput.Amount))), ct);

    public Task<Agreement> SetSignatoriesAsync(Guid id, SignatoriesInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Undertecknare ändrade", a => a.SetSignatories((input.Signatories ?? []).OfType<SignatoryInput>()
            .Select(s => new Signatory(s.Id ?? Guid.Empty, s.PartyId, s.Name ?? "", s.Title ?? "")).ToList()), ct);

    /// <summary>An agreement transcribed for a case that is already approved: freeze it and let the case's decision approve it.</summary>
    public Task<Agreement> ApproveByCaseDecisionAsync(Guid id, AgreementVersionInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, null, async a =>
        {
            var c = a.CaseId is { } caseId ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) : null;
            if (c is not { State: CaseState.Approved } || a.AmendsId is not null || c.Decisions.FirstOrDefault(d => d.MunicipalityId == c.MunicipalityId) is not { } decision)
            {
                throw new DomainException("Överenskommelsen fastställs av ärendets beslut; ärendet är inte beviljat än. Skicka ärendet till beslut.");
            }

            a.SendToDecision();
            a.Approve(ToAgreementDecision(decision));
        }, ct);

    public Task<Agreement> RecordConsultationAsync(Guid id, ConsultationInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, null, a => a.RecordConsultation(input.On, input.Legal, input.Finance, User.Name, Swedish.Today(clock)), ct);

    public Task<Agreement> SignAsync(Guid id, SignInput input, CancellationToken ct) =>
        ChangeAsync(id, input.Version, "Underskrift registrerad", async a =>
        {
            var signedOn = FullDate(input.SignedOn);
            var last = a.Sign(input.SignatoryId ?? throw new DomainException("Välj vem som skriver under.", nameof(SignInput.SignatoryId)), signedOn, User.Name, Swedish.Today(clock));
            if (last)
            {
                await handoffs.LastSignatureAsync(a, ct);
            }
        }, ct);

    /// <summary>
    /// A scanned signed copy: a PDF that opens as one (not only starts like one), stored with its
    /// SHA-256. A later copy is a correction kept beside the earlier ones (<see cref="Agreement.AttachScan"/>).
    /// </summary>
    public async Task<Agreement> AttachScanAsync(Guid id, Guid? version, IFormFile? file, string? correction, CancellationToken ct)
    {
        // Someone else's agreement is not found, whatever the file.
        _ = await db.Agreements.AsNoTracking().Where(a => a.Id == id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        var (bytes, format) = await DocumentService.ReadCheckedAsync(file, ct);
        if (format != FileFormat.Pdf || !OpensAsPdf(bytes))
        {
            throw new DomainException("Den inskannade överenskommelsen ska vara en PDF som går att öppna.", "File");
        }

        var fileId = Guid.CreateVersion7();
        return await ChangeAsync(id, version, null, a =>
        {
            a.AttachScan(fileId, Convert.ToHexStringLower(SHA256.HashData(bytes)), correction, User.Name, Swedish.Today(clock));
            db.StoredFiles.Add(new StoredFile { Id = fileId, Content = bytes });
        }, ct);
    }

    /// <summary>Whether the bytes are a PDF a reader opens with at least one page (a file that only begins with %PDF- is not).</summary>
    private static bool OpensAsPdf(byte[] bytes)
    {
        try
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
            return pdf.NumberOfPages > 0 && pdf.GetPage(1) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A scanned copy of the agreement: the latest, or the one named (earlier copies are kept).</summary>
    public async Task<byte[]?> ScanAsync(Agreement a, CancellationToken ct, Guid? fileId = null) =>
        (fileId ?? a.ScanFileId) is { } wanted && a.Scans.Any(x => x.FileId == wanted)
            ? await db.StoredFiles.AsNoTracking().Where(f => f.Id == wanted).Select(f => f.Content).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>Starts an amendment (tillägg) to a signed agreement: a new draft, decided and signed on its own.</summary>
    public async Task<Agreement> AmendAsync(Guid id, CancellationToken ct)
    {
        var original = await FindAsync(id, ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        if (!PermissionsFor(User, original).Edit)
        {
            throw new ScopeViolationException("Du har inte behörighet att ändra överenskommelsen.");
        }

        var number = await db.Agreements.CountAsync(a => a.AmendsId == original.Id, ct) + 1;
        var amendment = original.Amend(number, clock.GetUtcNow());
        db.Agreements.Add(amendment);
        db.AgreementVersions.Add(new AgreementVersion(amendment, User.Name, clock.GetUtcNow(), $"Tillägg {number} upprättat"));
        await db.SaveChangesAsync(ct);
        return amendment;
    }

    /// <summary>An amendment's own decision; its diarienummer is unique in the municipality like a case's.</summary>
    public async Task<Agreement> RecordAmendmentDecisionAsync(Guid id, AmendmentDecisionInput input, CancellationToken ct)
    {
        try
        {
            return await ChangeAsync(id, input.Version, null, async a =>
            {
                var body = Texts.Required(input.Body, "Ange vilket organ som beslutade.", nameof(AmendmentDecisionInput.Body), 200);
                var meeting = input.MeetingDate ?? throw new DomainException("Ange sammanträdets datum.", nameof(AmendmentDecisionInput.MeetingDate));
                var paragraph = Texts.Required(input.Paragraph, "Ange paragrafen, till exempel § 214.", nameof(AmendmentDecisionInput.Paragraph), 20);
                var caseNumber = Case.NormaliseCaseNumber(input.CaseNumber, nameof(AmendmentDecisionInput.CaseNumber));
                if (meeting > Swedish.Today(clock))
                {
                    throw new DomainException("Ett beslut kan inte registreras före sammanträdet.", nameof(AmendmentDecisionInput.MeetingDate));
                }

                if (await db.CaseNumbers.AnyAsync(n => n.MunicipalityId == a.MunicipalityId && n.Number == caseNumber, ct))
                {
                    throw new DomainException($"Diarienumret {caseNumber} är redan använt i kommunen.", nameof(AmendmentDecisionInput.CaseNumber));
                }

                a.RecordAmendmentDecision(new(body, meeting, paragraph.StartsWith('§') ? paragraph : "§ " + paragraph, caseNumber));
                db.CaseNumbers.Add(new CaseNumberEntry { MunicipalityId = a.MunicipalityId, Number = caseNumber, CaseId = a.CaseId!.Value });
            }, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new DomainException("Diarienumret är redan använt i kommunen.", nameof(AmendmentDecisionInput.CaseNumber));
        }
    }

    /// <summary>The versions, newest first; null when the agreement is not in the actor's scope.</summary>
    public async Task<Page<AgreementVersionDto>?> VersionsAsync(Guid id, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Agreements.AnyAsync(a => a.Id == id, ct))
        {
            return null;
        }

        var (number, size) = Page<AgreementVersionDto>.Clamp(page, pageSize);
        var q = db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == id);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(v => v.Number).Skip((number - 1) * size).Take(size)
            .Select(v => new AgreementVersionDto(v.Number, v.SavedAt, v.SavedBy, v.Sha256, v.Note)).ToListAsync(ct);
        return new(items, number, size, total);
    }

    public async Task<AgreementContent?> VersionContentAsync(Guid id, int number, CancellationToken ct) =>
        await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == id && v.Number == number).Select(v => v.Content).FirstOrDefaultAsync(ct) is { } json
            ? AgreementContent.FromJson(json)
            : null;

    public async Task<IReadOnlyList<AgreementChange>?> DiffAsync(Guid id, int from, int to, CancellationToken ct) =>
        await VersionContentAsync(id, from, ct) is { } a && await VersionContentAsync(id, to, ct) is { } b ? AgreementDiff.Between(a, b) : null;

    public static VerificationDto Verify(Agreement a) => new(a.State == AgreementState.Signed, a.SignedSha256, a.Content.Sha256(), a.Verify(), a.ScanSha256);

    public async Task<AgreementDto> ToDtoAsync(Agreement a, CancellationToken ct)
    {
        var municipality = await db.Municipalities.IgnoreQueryFilters().AsNoTracking().Where(m => m.Id == a.MunicipalityId).Select(m => m.Name).FirstAsync(ct);
        return ToDto(a, municipality, PermissionsFor(User, a));
    }

    public static AgreementDto ToDto(Agreement a, string municipality, AgreementPermissions permissions)
    {
        var content = a.Content;
        var summary = content.Summary();
        string Party(Guid id) => content.Parties.FirstOrDefault(p => p.Id == id)?.Name ?? "(okänd part)";
        var lines = content.Budget.OrderBy(l => l.Year).ThenBy(l => content.Parties.ToList().FindIndex(p => p.Id == l.PartyId))
            .Select(l => new BudgetLineDto(l.Id, l.PartyId, Party(l.PartyId), l.Year, l.Label, l.Category, l.Category.Swedish(), l.InKind, l.Calculation.ToString(),
                l.Amount, l.Hours, l.StatedAmount, l.StatedHours, l.Note)).ToList();
        var totals = summary.Totals.OrderBy(t => t.Year).ThenBy(t => content.Parties.ToList().FindIndex(p => p.Id == t.PartyId))
            .Select(t => new PartyTotalDto(t.PartyId, Party(t.PartyId), t.Year, t.Money, t.InKind, t.Total,
                content.StatedTotals.FirstOrDefault(s => s.PartyId == t.PartyId && s.Year == t.Year)?.Amount)).ToList();
        var (dialogue, latest) = a.RenewalDates();
        return new(a.Id, a.Version, content.Title, a.State, a.State.Swedish(), a.Number, a.FrozenNumber, a.CaseId, new(a.MunicipalityId, municipality),
            content.Parties, content.Sections, content.Facts, content.TermStart, content.TermEnd, dialogue, latest, a.Rules.MaxTermYears,
            content.SteeringGroup, lines,
            new(summary.MunicipalTotal, summary.MunicipalMoney, summary.OrganisationTotal, summary.GrandTotal, summary.MunicipalSharePercent,
                summary.OrganisationPerMunicipalKrona, summary.VolunteerHours, summary.BothPartiesFinance, totals, summary.Warnings),
            content.Signatories, a.Decision, a.Rules.ConsultLegalAndFinance, a.Consultation, content.Sha256(), a.SignedSha256, a.SignedOn, a.ScanSha256,
            a.AmendsId, a.AmendmentNumber, a.State == AgreementState.Draft ? a.Gaps() : [], permissions, a.Scans);
    }

    /// <summary>Called by the case when it is sent to decision, returned or decided: the agreement follows.</summary>
    public static AgreementDecision ToAgreementDecision(CaseDecision d) => new(d.CommitteeName, d.MeetingDate, d.Paragraph, d.CaseNumber);

    /// <summary>Loads the agreement in scope, checks the actor may edit, applies the change and saves it as a new version (one transaction, with its audit entry).</summary>
    private async Task<Agreement> ChangeAsync(Guid id, Guid? version, string? note, Func<Agreement, Task> change, CancellationToken ct)
    {
        var a = await FindAsync(id, ct) ?? throw new RecordNotFoundException("Överenskommelsen");
        if (!PermissionsFor(User, a).Edit)
        {
            throw new ScopeViolationException("Du har inte behörighet att ändra överenskommelsen.");
        }

        if (version is { } v)
        {
            db.Entry(a).Property(x => x.Version).OriginalValue = v;
        }

        await db.SaveChangeAsync(async () =>
        {
            var before = a.Content.Sha256();
            await change(a);
            if (a.Content.Sha256() != before)
            {
                a.NextVersion();
                db.AgreementVersions.Add(new AgreementVersion(a, User.Name, clock.GetUtcNow(), note));
            }
        }, ct);
        return a;
    }

    private Task<Agreement> ChangeAsync(Guid id, Guid? version, string? note, Action<Agreement> change, CancellationToken ct) =>
        ChangeAsync(id, version, note, a =>
        {
            change(a);
            return Task.CompletedTask;
        }, ct);

    private static decimal? Kronor(string? text, string field) => string.IsNullOrWhiteSpace(text) ? null : Swedish.ParseKronor(text, field);

    private static decimal? HoursValue(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim().ToLowerInvariant().Replace("timmar", "").Replace("tim", "").Replace(" ", "").Replace("\u00A0", "").Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) && hours <= 10_000_000m
            ? hours
            : throw new DomainException("Ange timmar som ett tal, till exempel 1 760 tim.", field);
    }

    /// <summary>A full date, yyyy-mm-dd: "2021-12-" and other half dates are refused with a Swedish message.</summary>
    public static DateOnly? FullDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new DomainException("Ange ett fullständigt datum, till exempel 2026-11-23.", nameof(SignInput.SignedOn));

    private static DateOnly? Month(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var full) ? full
        : throw new DomainException("Ange månaden som 2018-11.", nameof(TermInput.ExtensionDecidedIn));
}
