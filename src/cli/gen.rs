//! `yufang gen`: the command around the generator (`crate::gen`), which knows nothing of the CLI.

use std::time::Instant;

use super::{Ctx, Fail};
use crate::r#gen::{GenError, Options, generate};
use crate::i18n::K;

/// The `gen` command: refuses the demo office and a store with records, then prints what it wrote.
pub fn command(ctx: Ctx, demo: bool, suggestions: u64, seed: u64) -> std::result::Result<(), Fail> {
    let lang = ctx.lang;
    if demo {
        return Err(Fail::usage(lang.t(K::GenDemo).to_string()));
    }
    if suggestions == 0 {
        return Err(Fail::usage(lang.t(K::GenZero).to_string()));
    }
    let mut store = ctx.store;
    let started = Instant::now();
    let sum = generate(&mut store, &Options { suggestions, seed }).map_err(|e| match e {
        GenError::NotEmpty => Fail::run(lang.f(K::GenNotEmpty, &[&store.path().display()])),
        GenError::Store(e) => Fail::run(e.message(lang)),
    })?;
    let secs = format!("{:.1}", started.elapsed().as_secs_f64());
    println!(
        "{}",
        lang.f(
            K::GenDone,
            &[
                &sum.suggestions,
                &sum.cases,
                &sum.units,
                &sum.activities,
                &sum.follow_ups,
                &sum.plans,
                &secs
            ]
        )
    );
    Ok(())
}
