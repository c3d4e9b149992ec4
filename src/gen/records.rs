//! The generator's units, cases, prevention activities and annual plans.

use super::*;

impl<'b, 'c> Gen<'b, 'c> {
    pub(super) fn units(&mut self, count: u64) -> Result<()> {
        let per = units_per_place() as u64;
        for i in 0..count {
            let place = place_name(i / per);
            let k = (i % per) as usize;
            let mut u = match DEPTS.get(k) {
                Some(d) => {
                    let mut u = Unit::new(&format!("{place}{}", d.name));
                    u.industry = d.industry.to_string();
                    u.level = d.level;
                    u.leading_group =
                        d.level == crate::domain::UnitLevel::County && self.rng.chance(0.4);
                    u
                }
                None => {
                    let town = TOWNS[(k - DEPTS.len()) % TOWNS.len()];
                    let mut u = Unit::new(&format!("{place}{town}镇人民政府"));
                    u.industry = "乡镇政府".to_string();
                    u.level = crate::domain::UnitLevel::Township;
                    u
                }
            };
            u.region = place;
            u.key_demo = self.rng.chance(0.02);
            u.key_contact = self.rng.chance(0.06);
            u.contact_person = self.person();
            u.contact_phone = format!(
                "0{:03}-{:07}",
                self.rng.between(310, 999),
                self.rng.between(2_000_000, 8_999_999)
            );
            let id = self.b.insert(&mut u)?;
            self.units.push(id);
            self.sum.units += 1;
        }
        Ok(())
    }

    // ---- cases

    pub(super) fn cases(&mut self, count: u64) -> Result<()> {
        let modern = NaiveDate::from_ymd_opt(2018, 3, 1).unwrap_or(self.today);
        for i in 0..count {
            let filed = self.date_at((i as f64 + 0.5) / count as f64);
            let source = if filed < modern {
                self.rng.weighted(&[
                    (CaseSource::Own, 0.7),
                    (CaseSource::Transferred, 0.2),
                    (CaseSource::Other, 0.1),
                ])
            } else {
                self.rng.weighted(&[
                    (CaseSource::Transferred, 0.9),
                    (CaseSource::Own, 0.07),
                    (CaseSource::Other, 0.03),
                ])
            };
            let year = filed.year();
            let seq = self.case_seq.entry(year).or_insert(0);
            *seq += 1;
            let kind = match source {
                CaseSource::Own => "侦",
                CaseSource::Transferred => "刑受",
                CaseSource::Other => "刑诉",
            };
            let mut c = Case::new(&format!("X检{kind}〔{year}〕{seq}号"));
            c.source = source;
            c.crime_type = self.rng.weighted(&[
                (CrimeType::BribeTaking, 0.4),
                (CrimeType::Embezzlement, 0.2),
                (CrimeType::Misappropriation, 0.1),
                (CrimeType::AbuseOfPower, 0.1),
                (CrimeType::Dereliction, 0.1),
                (CrimeType::BribeGiving, 0.08),
                (CrimeType::Other, 0.02),
            ]);
            let surname = self.rng.pick(SURNAMES);
            c.suspect = format!("{surname}某");
            c.post = self.rng.pick(POSTS).to_string();
            c.unit_id = self
                .rng
                .chance(0.95)
                .then(|| self.units[self.rng.below(self.units.len())]);
            // Log-uniform from 10,000 to 5,000,000 yuan.
            let yuan = 10_000.0 * 500f64.powf(self.rng.float());
            c.amount_fen = Some((yuan as i64) * 100);
            c.summary = format!(
                "{}{}期间{}，涉案金额{}万元。",
                c.suspect,
                c.post,
                self.rng.pick(SUMMARY_ACTS),
                (yuan / 10_000.0).round()
            );
            c.filed_on = Some(filed);
            let today = self.today;
            if self.rng.chance(0.06) {
                // Closed without prosecution.
                c.closed_on = after(filed, self.rng.between(60, 300), today);
            } else {
                c.prosecuted_on = after(filed, self.rng.between(45, 200), today);
                c.judged_on = c
                    .prosecuted_on
                    .and_then(|p| after(p, self.rng.between(30, 180), today));
                c.closed_on = c
                    .judged_on
                    .and_then(|j| after(j, self.rng.between(10, 60), today));
            }
            c.status = if c.closed_on.is_some() {
                CaseStatus::Closed
            } else if c.judged_on.is_some() {
                CaseStatus::Judged
            } else if c.prosecuted_on.is_some() {
                CaseStatus::Prosecuted
            } else if (today - filed).num_days() > 30 {
                CaseStatus::Investigating
            } else {
                CaseStatus::Filed
            };
            let id = self.b.insert(&mut c)?;
            self.sum.cases += 1;
            if let Some(from) = c.gap_from() {
                // The crime analysis of the case; a few never get one, recent ones are still planned.
                if !self.rng.chance(0.004) {
                    let on = add_days(from, self.rng.between(3, 60));
                    let mut a = Activity::new(
                        ActivityKind::Analysis,
                        &format!(
                            "{}{}案犯罪分析",
                            c.suspect,
                            c.crime_type.label(crate::i18n::Lang::Zh)
                        ),
                    );
                    a.case_id = Some(id);
                    a.unit_id = c.unit_id;
                    if on <= today {
                        a.done_on = Some(on);
                    } else {
                        a.planned_on = Some(on);
                    }
                    self.b.insert(&mut a)?;
                    self.sum.activities += 1;
                }
                // A few cases are never written up in a suggestion.
                if !self.rng.chance(0.004) {
                    self.cases.push(CaseRef {
                        ready: add_days(from, self.rng.between(7, 90)),
                        id,
                        unit: c.unit_id,
                    });
                }
            }
        }
        self.cases.sort_by_key(|c| (c.ready, c.id));
        Ok(())
    }

    /// The next case ready to be written up by `on`; once all ready cases are taken, one of the latest taken
    /// (a second suggestion from the same case).
    pub(super) fn take_case(&mut self, on: NaiveDate) -> Option<CaseRef> {
        if let Some(c) = self.cases.get(self.next_case).copied()
            && c.ready <= on
        {
            self.next_case += 1;
            return Some(c);
        }
        if self.next_case == 0 {
            return None;
        }
        let back = self.rng.below(self.next_case.min(200)) + 1;
        self.cases.get(self.next_case - back).copied()
    }

    // ---- suggestions

    pub(super) fn activity(&mut self) -> Result<()> {
        let stopped = NaiveDate::from_ymd_opt(2018, 8, 1).unwrap_or(self.today);
        let u = self.rng.float();
        let mut on = self.date_at(u);
        let planned_ahead = self.rng.chance(0.01);
        if planned_ahead {
            on = add_days(self.today, self.rng.between(1, 60));
        }
        let mut kind = self.rng.weighted(&[
            (ActivityKind::Warning, 0.3),
            (ActivityKind::Publicity, 0.25),
            (ActivityKind::Interview, 0.15),
            (ActivityKind::Consultation, 0.15),
            (ActivityKind::BriberyInquiry, 0.1),
            (ActivityKind::Other, 0.05),
        ]);
        if kind == ActivityKind::BriberyInquiry && on >= stopped {
            kind = ActivityKind::Warning;
        }
        let title = match kind {
            ActivityKind::Warning => ACTIVITY_TITLES[0],
            ActivityKind::Publicity => ACTIVITY_TITLES[2],
            ActivityKind::Interview => ACTIVITY_TITLES[4],
            ActivityKind::Consultation => ACTIVITY_TITLES[5],
            ActivityKind::BriberyInquiry => ACTIVITY_TITLES[6],
            _ => ACTIVITY_TITLES[7],
        };
        let mut a = Activity::new(kind, title);
        if self.rng.chance(0.7) {
            a.unit_id = Some(self.random_unit());
        }
        if kind == ActivityKind::Warning {
            a.attendees = Some(self.rng.between(30, 400));
        }
        if planned_ahead || ((self.today - on).num_days() < 60 && self.rng.chance(0.03)) {
            a.planned_on = Some(on);
        } else {
            a.done_on = Some(on);
            if self.rng.chance(0.7) {
                a.planned_on = Some(add_days(on, -self.rng.between(0, 20)));
            }
        }
        self.b.insert(&mut a)?;
        self.sum.activities += 1;
        Ok(())
    }

    pub(super) fn plans(&mut self) -> Result<()> {
        let per_year = (self.n / YEARS as u64).max(1) as i64;
        for year in self.start.year()..=self.today.year() {
            let mut p = Plan::new(year);
            p.suggestion_target = Some(per_year);
            for (k, share) in [
                (ActivityKind::Investigation, 2),
                (ActivityKind::Analysis, 2),
                (ActivityKind::Warning, 3),
                (ActivityKind::Publicity, 2),
            ] {
                p.targets.insert(k, per_year * share / 5);
            }
            p.focus_industries = format!("{}、{}", self.rng.pick(AREAS), self.rng.pick(AREAS));
            let on = |m, d| NaiveDate::from_ymd_opt(year, m, d).filter(|x| *x <= self.today);
            p.plan_check_on = on(1, 20);
            p.midyear_check_on = on(7, 10);
            p.yearend_check_on = on(12, 20);
            self.b.insert(&mut p)?;
            self.sum.plans += 1;
        }
        Ok(())
    }
}
