//! The generator's suggestions: the random course of each (its fate), the pinned states, and the lifecycle
//! that turns a fate into dates and follow-up records.

use super::*;

impl<'b, 'c> Gen<'b, 'c> {
    pub(super) fn fate(&mut self, received_recently: bool) -> Fate {
        let r = &mut self.rng;
        let stated_after = r.chance(0.05).then(|| r.between(15, 30));
        let due_after = stated_after.unwrap_or(61);
        let roll = r.float();
        let reply_after = if roll < 0.88 {
            Some(r.between(10, due_after.min(58)))
        } else if roll < 0.995 || !received_recently {
            Some(due_after + r.between(1, 120))
        } else {
            None
        };
        let file_roll = r.float();
        let file_after = if file_roll < 0.92 {
            Some(r.between(0, 5))
        } else if file_roll < 0.995 {
            Some(r.between(6, 25))
        } else if received_recently {
            None
        } else {
            Some(r.between(26, 90))
        };
        Fate {
            decision: r.chance(0.95),
            issue_after: r.between(10, 75),
            withdraw_after: r.chance(0.006).then(|| r.between(3, 40)),
            serve_after: r.between(0, 10),
            announced: r.chance(0.2),
            receive_after: r.between(0, 3),
            file_after,
            stated_after,
            reply_after,
            adoption: r.weighted(&[
                (Adoption::Adopted, 0.85),
                (Adoption::Partly, 0.12),
                (Adoption::Not, 0.03),
            ]),
            rectification: r.weighted(&[
                (Rectification::Full, 0.75),
                (Rectification::Partial, 0.2),
                (Rectification::None, 0.05),
            ]),
            rectify_after: r.between(0, 90),
            visit_after: r.chance(0.97).then(|| r.between(20, 75)),
            look_back_after: r.chance(0.1).then(|| r.between(180, 400)),
            close_after: r.between(15, 150),
            objection: r.chance(0.01).then(|| {
                (
                    r.between(3, 9),
                    r.weighted(&[
                        (ObjectionOutcome::Upheld, 0.8),
                        (ObjectionOutcome::Modified, 0.2),
                    ]),
                )
            }),
            inquiry: r.chance(0.2).then(|| {
                (
                    r.between(10, 50),
                    r.pick(&[
                        FollowUpKind::Inquiry,
                        FollowUpKind::Visit,
                        FollowUpKind::Consultation,
                        FollowUpKind::JointMeeting,
                    ]),
                )
            }),
            escalate: r.chance(0.3).then(|| r.pick(EscalationStep::ALL)),
            investigation: r.chance(0.4),
        }
    }

    /// Overrides the random course so that the suggestion ends in `pin`'s state; returns its decision date.
    pub(super) fn pin(&self, pin: Pin, f: &mut Fate) -> NaiveDate {
        let t = self.today;
        f.decision = true;
        f.withdraw_after = None;
        f.issue_after = 20;
        f.serve_after = 1;
        f.receive_after = 0;
        f.file_after = Some(2);
        f.stated_after = None;
        f.reply_after = None;
        match pin {
            // Received 129 days ago: two months have long passed.
            Pin::Overdue => add_days(t, -150),
            // A stated deadline five days ahead (at most 14 after a roll over a holiday).
            Pin::DueSoon => {
                f.stated_after = Some(25);
                add_days(t, -41)
            }
            Pin::AwaitingReply => add_days(t, -26),
            Pin::AwaitingService => {
                f.serve_after = 30;
                add_days(t, -22)
            }
            Pin::Draft => {
                f.issue_after = 60;
                add_days(t, -10)
            }
            Pin::Replied => {
                f.reply_after = Some(40);
                f.close_after = 10_000;
                f.visit_after = None;
                add_days(t, -200)
            }
            Pin::Closed => {
                f.reply_after = Some(30);
                f.visit_after = Some(40);
                f.close_after = 30;
                add_days(t, -800)
            }
            Pin::Withdrawn => {
                f.withdraw_after = Some(5);
                add_days(t, -100)
            }
        }
    }

    pub(super) fn suggestion(&mut self, i: u64) -> Result<()> {
        let today = self.today;
        let mut decided = self.date_at((i as f64 + 0.5) / self.n as f64);
        let recent = (today - decided).num_days() < 730;
        let mut f = self.fate(recent);
        let pin = (self.n - 1 - i)
            .try_into()
            .ok()
            .and_then(|k: usize| PINS.get(k).copied());
        if let Some(p) = pin {
            decided = self.pin(p, &mut f);
        }

        let category = self.rng.weighted(&[
            (Category::Single, 0.5),
            (Category::Similar, 0.2),
            (Category::Industry, 0.2),
            (Category::Regional, 0.1),
        ]);
        let wanted = match category {
            Category::Single => 1,
            Category::Similar => self.rng.between(2, 3),
            Category::Industry => i64::from(self.rng.chance(0.3)),
            Category::Regional => 0,
        };
        let mut cases: Vec<CaseRef> = Vec::new();
        for _ in 0..wanted {
            if let Some(c) = self.take_case(decided)
                && !cases.iter().any(|x| x.id == c.id)
            {
                cases.push(c);
            }
        }
        let recipient = match cases.iter().find_map(|c| c.unit) {
            Some(u) => u,
            None => self.random_unit(),
        };
        let area = self.rng.pick(AREAS);
        let title = format!(
            "关于{}{}{}的检察建议",
            self.rng.pick(VERBS),
            area,
            self.rng.pick(ASPECTS)
        );
        let mut s = Suggestion::new(&title, recipient);
        s.category = category;
        s.legal_type = self.rng.weighted(&[
            (LegalType::SocialGovernance, 0.95),
            (LegalType::Other, 0.03),
            (LegalType::Correction, 0.02),
        ]);
        let first = self.rng.below(PROBLEMS.len());
        let second = (first + 1 + self.rng.below(PROBLEMS.len() - 1)) % PROBLEMS.len();
        s.problems = format!(
            "{}年以来，该单位在{area}工作中存在{}、{}等问题，存在职务犯罪风险。",
            decided.year() - 1,
            PROBLEMS[first],
            PROBLEMS[second]
        );
        s.measures = format!(
            "建议{}，{}。",
            self.rng.pick(MEASURES),
            self.rng.pick(MEASURES)
        );
        let mut follow_ups: Vec<FollowUp> = Vec::new();
        let investigation = f.investigation && f.decision;
        self.lifecycle(&mut s, decided, &f, &mut follow_ups);
        if s.doc_no.is_none() {
            // Two drafts with one title for one unit would be one record to an import: vary the wording.
            let mut k = 0;
            while !self.draft_titles.insert((s.title.clone(), recipient)) {
                k += 1;
                s.title = format!(
                    "关于{}{area}{}的检察建议（{}）",
                    self.rng.pick(VERBS),
                    self.rng.pick(ASPECTS),
                    k + 1
                );
            }
        }

        let id = self.b.insert(&mut s)?;
        self.sum.suggestions += 1;
        for c in &cases {
            self.b.link_case(id, c.id)?;
        }
        if self.rng.chance(0.15) {
            let other = self.random_unit();
            if other != recipient {
                self.b.copy_to(id, other)?;
            }
        }
        for mut fu in follow_ups {
            fu.suggestion_id = id;
            fu.method = self.rng.pick(FOLLOW_METHODS).to_string();
            fu.record = self.rng.pick(FOLLOW_RECORDS).to_string();
            self.b.insert(&mut fu)?;
            self.sum.follow_ups += 1;
        }
        if investigation {
            let on = add_days(decided, self.rng.between(5, 40));
            let mut a = Activity::new(ActivityKind::Investigation, &format!("{area}领域预防调查"));
            a.unit_id = Some(recipient);
            a.suggestion_id = Some(id);
            a.case_id = cases.first().map(|c| c.id);
            // The investigation comes before the suggestion is issued.
            let on = s.issued_on.map_or(on, |iss| on.min(iss));
            if on <= today {
                a.done_on = Some(on);
            } else {
                a.planned_on = Some(on);
            }
            self.b.insert(&mut a)?;
            self.sum.activities += 1;
        }
        Ok(())
    }

    /// Fills the dates of `s` from its decision date and course; steps after today have not happened.
    pub(super) fn lifecycle(
        &mut self,
        s: &mut Suggestion,
        decided: NaiveDate,
        f: &Fate,
        fus: &mut Vec<FollowUp>,
    ) {
        let today = self.today;
        s.decided_on = f.decision.then_some(decided);
        let Some(issued) = after(decided, f.issue_after, today) else {
            // Still a draft; a few drafts are dropped before they are issued.
            s.withdrawn_on = f.withdraw_after.and_then(|w| after(decided, w, today));
            return;
        };
        s.issued_on = Some(issued);
        let year = issued.year();
        let seq = self.doc_seq.entry(year).or_insert(0);
        *seq += 1;
        s.doc_no = Some(
            DocNo {
                prefix: self.prefix.clone(),
                year,
                seq: *seq,
            }
            .to_string(),
        );
        s.withdrawn_on = f.withdraw_after.and_then(|w| after(issued, w, today));
        // Nothing happens after a withdrawal.
        let limit = s.withdrawn_on.unwrap_or(today);
        s.filed_on = f.file_after.and_then(|a| after(issued, a, limit));
        let Some(served) = after(issued, f.serve_after, limit) else {
            return;
        };
        s.served_on = Some(served);
        s.service_method = Some(if f.announced {
            ServiceMethod::Announced
        } else {
            ServiceMethod::Written
        });
        let receive_after = if f.announced { 0 } else { f.receive_after };
        let Some(received) = after(served, receive_after, limit) else {
            return;
        };
        s.received_on = Some(received);
        s.stated_reply_due = f.stated_after.map(|a| add_days(received, a));
        let due = add_days(received, f.stated_after.unwrap_or(61));
        let replied = f.reply_after.and_then(|a| after(received, a, limit));
        let fu = |kind, date| FollowUp::new(0, kind, date);

        if let Some((days, outcome)) = f.objection
            && let Some(on) = after(received, days, replied.unwrap_or(limit))
        {
            let mut o = fu(FollowUpKind::Objection, on);
            o.outcome = Some(outcome);
            fus.push(o);
        }
        if let Some((days, kind)) = f.inquiry
            && let Some(on) = after(received, days, replied.unwrap_or(limit))
        {
            fus.push(fu(kind, on));
        }
        // Urging once the reply is a week late, and again a month later.
        let reply_or_now = replied.unwrap_or(limit);
        if reply_or_now > add_days(due, 7) {
            if let Some(on) = after(due, self.rng.between(3, 7), reply_or_now) {
                fus.push(fu(FollowUpKind::Urging, on));
            }
            if let Some(on) = after(due, self.rng.between(30, 40), reply_or_now) {
                fus.push(fu(FollowUpKind::Urging, on));
            }
        }
        if replied.is_none()
            && let Some(step) = f.escalate
            && let Some(on) = after(due, self.rng.between(45, 60), limit)
        {
            let mut e = fu(FollowUpKind::Escalation, on);
            e.step = Some(step);
            fus.push(e);
        }
        let Some(replied) = replied else {
            return;
        };
        s.replied_on = Some(replied);
        s.adoption = Some(f.adoption);
        s.reply_summary = format!("{}，{}。", self.rng.pick(REPLIES), self.rng.pick(REPLIES));
        let mut settled = replied;
        if f.rectification != Rectification::None
            && let Some(on) = after(replied, f.rectify_after, limit)
        {
            s.rectification = Some(f.rectification);
            s.rectified_on = Some(on);
            settled = on;
        } else if f.rectification == Rectification::None {
            s.rectification = Some(Rectification::None);
        }
        let rectified_or_replied = settled;
        let visited = f.visit_after.and_then(|a| after(replied, a, limit));
        if let Some(v) = visited {
            fus.push(fu(FollowUpKind::ReturnVisit, v));
            settled = settled.max(v);
            // Not fully rectified at the visit: a look-back check follows before the file is closed.
            if s.rectification != Some(Rectification::Full) {
                match after(v, self.rng.between(40, 75), limit) {
                    Some(on) => {
                        fus.push(fu(FollowUpKind::LookBack, on));
                        // Never before the rectification: closing (and evaluating) comes after both.
                        settled = settled.max(on);
                    }
                    None => settled = add_days(today, 10_000),
                }
            }
        }
        if let Some(on) = f.look_back_after.and_then(|a| after(replied, a, limit)) {
            fus.push(fu(FollowUpKind::LookBack, on));
        }
        let closed = if visited.is_some() {
            after(settled, f.close_after, limit)
        } else if f.visit_after.is_none() {
            // Never visited: closed much later, if at all.
            after(settled, f.close_after.saturating_mul(4).max(200), limit)
        } else {
            None
        };
        if let Some(closed) = closed {
            s.closed_on = Some(closed);
            let room = (closed - rectified_or_replied).num_days().clamp(0, 10);
            s.evaluated_on = Some(add_days(closed, -self.rng.between(0, room)));
        }
    }
}
