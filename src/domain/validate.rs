//! Field-level validation errors that name the field, in either language.

use chrono::NaiveDate;

use crate::i18n::{K, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// This field's date lies before another field's date.
    Before {
        other: K,
        date: NaiveDate,
        other_date: NaiveDate,
    },
    Needs(K),
    Negative,
    Future {
        date: NaiveDate,
        today: NaiveDate,
    },
    BadDocNo(String),
    DocNoYear {
        doc_no: String,
        year: i32,
    },
    YearRange(i32),
    TooLong(usize),
    OnlyObjection,
    OnlyEscalation,
    /// A problem of one measure (numbered from 1) of a suggestion.
    Measure {
        n: usize,
        error: Box<FieldError>,
    },
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: K,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: K, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }

    pub fn message(&self, lang: Lang) -> String {
        let f = lang.t(self.field);
        match &self.problem {
            Problem::Required => lang.f(K::ErrRequired, &[&f]),
            Problem::Before {
                other,
                date,
                other_date,
            } => lang.f(K::ErrDateOrder, &[&f, date, &lang.t(*other), other_date]),
            Problem::Needs(other) => lang.f(K::ErrNeeds, &[&f, &lang.t(*other)]),
            Problem::Negative => lang.f(K::ErrNegative, &[&f]),
            Problem::Future { date, today } => lang.f(K::ErrFuture, &[&f, date, today]),
            Problem::BadDocNo(s) => lang.f(K::ErrBadDocNo, &[&f, s]),
            Problem::DocNoYear { doc_no, year } => lang.f(K::ErrDocNoYear, &[&f, doc_no, year]),
            Problem::YearRange(y) => lang.f(K::ErrYearRange, &[&f, y]),
            Problem::TooLong(n) => lang.f(K::ErrTooLong, &[&f, n]),
            Problem::OnlyObjection => lang.f(K::ErrOutcomeOnlyObjection, &[&f]),
            Problem::OnlyEscalation => lang.f(K::ErrStepOnlyEscalation, &[&f]),
            Problem::Measure { n, error } => lang.f(K::ErrMeasure, &[n, &error.message(lang)]),
        }
    }
}

/// Collects problems while an entity is checked.
#[derive(Default, Debug)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn required_text(&mut self, field: K, v: &str) {
        if v.trim().is_empty() {
            self.errors.push(FieldError::new(field, Problem::Required));
        }
    }

    pub fn required<T>(&mut self, field: K, v: &Option<T>) {
        if v.is_none() {
            self.errors.push(FieldError::new(field, Problem::Required));
        }
    }

    pub fn max_len(&mut self, field: K, v: &str, max: usize) {
        if v.chars().count() > max {
            self.errors
                .push(FieldError::new(field, Problem::TooLong(max)));
        }
    }

    /// `later` (if set) must not be before `earlier` (if set).
    pub fn order(&mut self, earlier: (K, Option<NaiveDate>), later: (K, Option<NaiveDate>)) {
        if let (Some(a), Some(b)) = (earlier.1, later.1)
            && b < a
        {
            self.errors.push(FieldError::new(
                later.0,
                Problem::Before {
                    other: earlier.0,
                    date: b,
                    other_date: a,
                },
            ));
        }
    }

    /// A field that only makes sense once another one is set.
    pub fn needs<A, B>(&mut self, field: (K, &Option<A>), prerequisite: (K, &Option<B>)) {
        if field.1.is_some() && prerequisite.1.is_none() {
            self.errors
                .push(FieldError::new(field.0, Problem::Needs(prerequisite.0)));
        }
    }

    /// A date of something that has happened cannot lie after today (catches 2062 for 2026).
    pub fn not_future(&mut self, field: K, v: Option<NaiveDate>, today: NaiveDate) {
        if let Some(d) = v
            && d > today
        {
            self.errors
                .push(FieldError::new(field, Problem::Future { date: d, today }));
        }
    }

    pub fn push(&mut self, field: K, problem: Problem) {
        self.errors.push(FieldError::new(field, problem));
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}
