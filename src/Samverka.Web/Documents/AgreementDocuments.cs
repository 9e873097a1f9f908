using System.Globalization;
using System.Text;
using Samverka.Domain.Agreements;
using Samverka.Domain.Formatting;
using Samverka.Web.Features.Agreements;

namespace Samverka.Web.Documents;

/// <summary>A part of a rendered document: the PDF, Word and HTML renderers draw the same blocks, in the same order.</summary>
public abstract record DocBlock;

public sealed record DocHeading(int Level, string Text) : DocBlock;

public sealed record DocParagraph(string Text, bool Bold = false) : DocBlock;

/// <summary>A table; columns flagged numeric are right-aligned; the last row is a sum row when <paramref name="SumRow"/>.</summary>
public sealed record DocTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<bool> Numeric, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<double> Widths, bool SumRow) : DocBlock;

/// <summary>One signature field: the party, the signatory, and place and date (blank lines to fill in by hand; the date once recorded).</summary>
public sealed record DocSignature(string Party, string Name, string Title, string? Date) : DocBlock
{
    /// <summary>The line above the signature, alike in every renderer: the place is always written by hand.</summary>
    public string PlaceAndDate => Date is { } d ? $"Ort: ____________________  Datum: {d}" : "Ort: ____________________  Datum: ____________";
}

/// <summary>What every page's footer says.</summary>
public sealed record DocFooter(string Text);

/// <summary>
/// The agreement as a document: the guideline's sections in order, each followed by the
/// structured facts that belong to it (budget tables under financial distribution, the term
/// under term, the steering group under forms of cooperation, the parties and the signatures).
/// Amounts are exact kronor, computed, never typed.
/// </summary>
public static class AgreementDocuments
{
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    public static string FileName(Agreement a, string extension, string? suffix = null)
    {
        var name = new StringBuilder();
        foreach (var ch in a.Content.Title)
        {
            name.Append(char.IsLetterOrDigit(ch) ? ch : '-');
        }

        var slug = string.Join('-', name.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 60)
        {
            // Whole words only: cut at the last word boundary within 60 characters.
            var cut = slug.LastIndexOf('-', 60);
            slug = cut > 0 ? slug[..cut] : slug[..60];
        }
        return $"{slug}-v{a.Number}{(suffix is null ? "" : "-" + suffix)}.{extension}";
    }

    public static DocFooter Footer(AgreementDto a) =>
        new(string.Join(" · ", new[]
        {
            a.CaseNumber is { } number ? $"Diarienummer {number}" : "Ej beslutad",
            $"Version {a.Number}",
            a.SignedSha256 is { } signed ? $"SHA-256 {signed}" : $"SHA-256 {a.ContentSha256}",
        }));

    public static IReadOnlyList<DocBlock> Blocks(AgreementDto a)
    {
        var blocks = new List<DocBlock>
        {
            new DocHeading(1, a.Title),
            new DocParagraph(a.AmendsId is null ? "Överenskommelse om idéburet offentligt partnerskap (IOP)" : $"Tillägg {a.AmendmentNumber} till överenskommelse om idéburet offentligt partnerskap (IOP)"),
            new DocParagraph("Parter: " + string.Join(" och ", a.Parties.Select(p => p.Name))),
        };
        if (a.Decision is { } decision)
        {
            blocks.Add(new DocParagraph($"Diarienummer {decision.CaseNumber}. Beslutad av {decision.Body.ToLower(Sv)} {Swedish.Date(decision.MeetingDate)}, {decision.Paragraph}."));
        }

        // Each structured part goes under the first section that names it; a part no section names gets a heading of its own at the end.
        var placed = new HashSet<AgreementPart>();
        foreach (var section in a.Sections)
        {
            blocks.Add(new DocHeading(2, $"{section.Number}. {section.Heading}"));
            blocks.AddRange(Paragraphs(section.Text));
            var part = AgreementParts.ForHeading(section.Heading);
            if (part != AgreementPart.None && placed.Add(part))
            {
                blocks.AddRange(Structured(a, part, section.Text));
            }
        }

        var number = a.Sections.Count;
        foreach (var part in new[] { AgreementPart.Budget, AgreementPart.Term, AgreementPart.Cooperation, AgreementPart.Parties, AgreementPart.Signatures }.Where(p => !placed.Contains(p)))
        {
            var content = Structured(a, part, "").ToList();
            if (content.Count > 0)
            {
                blocks.Add(new DocHeading(2, $"{++number}. {part.DefaultHeading()}"));
                blocks.AddRange(content);
            }
        }

        return blocks;
    }

    private static IEnumerable<DocBlock> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => new DocParagraph(p));

    /// <summary>The structured part that belongs under a section (the target group not repeated when the section's own text describes it).</summary>
    private static IEnumerable<DocBlock> Structured(AgreementDto a, AgreementPart part, string sectionText)
    {
        var facts = a.Facts;
        switch (part)
        {
            case AgreementPart.TargetGroup:
                // The section's own words describe the target group; the structured summary is printed only when the section has none.
                if (facts.TargetGroup is { Length: > 0 } group && string.IsNullOrWhiteSpace(sectionText))
                {
                    yield return new DocParagraph($"Målgrupp: {group}" + (facts.AgeFrom is { } from && facts.AgeTo is { } to ? $" ({from}–{to} år)." : "."));
                }

                break;
            case AgreementPart.Responsibility:
                var responsibility = new List<string>();
                if (facts.DecidingCommittee is { } committee)
                {
                    responsibility.Add($"Beslutande nämnd för överenskommelsen är {committee.ToLower(Sv)}.");
                }

                if (facts.ResponsibleOffice is { } office)
                {
                    responsibility.Add($"Ansvarig förvaltning är {office}" + (facts.ResponsiblePerson is { } person ? $" via {person}." : "."));
                }

                if (responsibility.Count > 0)
                {
                    yield return new DocParagraph(string.Join(" ", responsibility));
                }

                break;
            case AgreementPart.Budget:
                foreach (var block in Budget(a))
                {
                    yield return block;
                }

                break;
            case AgreementPart.Term:
                if (a.TermStart is { } start && a.TermEnd is { } end)
                {
                    yield return new DocParagraph($"Löptid: {Swedish.Date(start)} – {Swedish.Date(end)}.", Bold: true);
                }

                if (facts.ExtensionDecidedIn is { } month)
                {
                    yield return new DocParagraph($"Eventuell förlängning av överenskommelsen beslutas i {month.ToString("MMMM yyyy", Sv)}.");
                }

                if (a.RenewalDialogueStarts is { } dialogue && a.RenewLatest is { } latest)
                {
                    yield return new DocParagraph($"Dialog om en ny överenskommelse inleds senast {Swedish.Date(dialogue)}; en ny överenskommelse ska vara beslutad senast {Swedish.Date(latest)}.");
                }

                yield return new DocParagraph($"Enligt kommunens riktlinjer skrivs en överenskommelse för högst {a.MaxTermYears} år åt gången. Part kan avstå från att förlänga utan att ange skäl.");
                break;
            case AgreementPart.Cooperation:
                foreach (var party in a.Parties.Where(p => a.SteeringGroup.Any(m => m.PartyId == p.Id)))
                {
                    yield return new DocParagraph($"Styrgrupp, {party.Name}: " + string.Join(", ", a.SteeringGroup.Where(m => m.PartyId == party.Id)
                        .Select(m => m.Role is { } role ? $"{m.Name} ({role})" : m.Name)));
                }

                yield return new DocParagraph(facts.DecisionRule);
                yield return new DocParagraph(facts.MeetingRhythm);
                break;
            case AgreementPart.FollowUp:
                if (facts.FollowUpForms is { } forms)
                {
                    yield return new DocParagraph(forms);
                }

                if (facts.KeyFigures is { Count: > 0 } figures)
                {
                    yield return new DocParagraph("Nyckeltal som följs upp: " + string.Join(", ", figures) + ".");
                }

                break;
            case AgreementPart.Parties:
                foreach (var party in a.Parties)
                {
                    yield return new DocParagraph(party.OrgNumber is { } number ? $"{party.Name}, organisationsnummer {number}" : party.Name);
                }

                break;
            case AgreementPart.Signatures:
                foreach (var s in a.Signatories)
                {
                    yield return new DocSignature(a.PartyName(s.PartyId), s.Name, s.Title, s.SignedOn is { } d ? Swedish.Date(d) : null);
                }

                break;
        }
    }

    /// <summary>One table per party and year: each line with its calculation and exact amount, and the computed sum.</summary>
    private static IEnumerable<DocBlock> Budget(AgreementDto a)
    {
        foreach (var year in a.Budget.Select(l => l.Year).Distinct().Order())
        {
            foreach (var party in a.Parties.Where(p => a.Budget.Any(l => l.PartyId == p.Id && l.Year == year)))
            {
                var lines = a.Budget.Where(l => l.PartyId == party.Id && l.Year == year).ToList();
                // The note belongs to the line (what it is), not to the calculation (how much).
                var rows = lines.Select(l => (IReadOnlyList<string>)
                    [l.Label + (l.InKind ? " (i annat än pengar)" : "") + (l.Note is { } n ? $" – {n}" : ""), l.Calculation == Swedish.Kronor(l.Amount) ? "" : l.Calculation, Swedish.Kronor(l.Amount)]).ToList();
                rows.Add(["Summa", "", Swedish.Kronor(lines.Sum(l => l.Amount))]);
                yield return new DocTable($"Budget {year}, {party.Name}", ["Post", "Beräkning", "Belopp"], [false, false, true], rows, [0.42, 0.38, 0.20], SumRow: true);
            }
        }

        var s = a.Summary;
        var picture = new List<string>
        {
            $"Kommunens insats: {Swedish.Kronor(s.MunicipalTotal)}, varav {Swedish.Kronor(s.MunicipalMoney)} i pengar.",
            $"Organisationens insats: {Swedish.Kronor(s.OrganisationTotal)}.",
        };
        if (s.OrganisationPerMunicipalKrona is { } perKrona)
        {
            picture.Add($"Organisationen bidrar med {Swedish.Number(perKrona)} kr för varje krona kommunen betalar.");
        }

        if (s.VolunteerHours > 0)
        {
            picture.Add($"Ideell insats: {Swedish.Hours(s.VolunteerHours)}.");
        }

        if (a.Budget.Count > 0)
        {
            yield return new DocParagraph(string.Join(" ", picture));
        }
    }
}
