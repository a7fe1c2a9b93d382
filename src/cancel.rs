//! Cooperative cancellation of one unit of work (an MCP tool call).
//!
//! The MCP server runs each call on a blocking thread; when the client sends
//! `notifications/cancelled` (or goes away) the call's [`Token`] is
//! cancelled, and the work stops at its next check: between planning
//! documents while reading and extracting, between design passes, between
//! linted files, and before anything is written. Answering "cancelled" while
//! the work ran on would leave a busy thread behind, and a `design` with
//! `write` would still write its document after the client gave up.
//!
//! The token travels in a thread-local set by [`scope`], so the stages need no
//! extra parameter; code that fans out to other threads (rayon) takes the
//! token with [`current`] first and asks it directly.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

/// A cancellation flag shared between the caller and the work.
#[derive(Debug, Clone, Default)]
pub struct Token(Arc<AtomicBool>);

impl Token {
    pub fn new() -> Self {
        Token::default()
    }

    /// Ask the work to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Error::Cancelled)` once cancelled, naming the stage not reached.
    pub fn check(&self, stage: &'static str) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled { stage })
        } else {
            Ok(())
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Token>> = const { RefCell::new(None) };
}

/// While the returned guard lives, [`check`] on this thread answers to `token`.
pub fn scope(token: Token) -> Scope {
    let previous = CURRENT.with(|c| c.replace(Some(token)));
    Scope { previous }
}

/// Restores the token that was current before [`scope`].
#[derive(Debug)]
pub struct Scope {
    previous: Option<Token>,
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// The token of this thread's work (one that is never cancelled outside a
/// [`scope`]: the CLI is stopped by its signal, not by a token).
pub fn current() -> Token {
    CURRENT.with(|c| c.borrow().clone()).unwrap_or_default()
}

/// Whether this thread's work was cancelled.
pub fn cancelled() -> bool {
    CURRENT.with(|c| c.borrow().as_ref().is_some_and(Token::is_cancelled))
}

/// Stop here if this thread's work was cancelled; `stage` is what would
/// have run next (shown in the error).
pub fn check(stage: &'static str) -> Result<()> {
    if cancelled() {
        Err(Error::Cancelled { stage })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_follow_the_scoped_token() {
        assert!(check("x").is_ok(), "no scope: never cancelled");
        let t = Token::new();
        {
            let _s = scope(t.clone());
            assert!(check("a").is_ok());
            t.cancel();
            let e = check("design").unwrap_err().to_string();
            assert!(e.contains("cancelled") && e.contains("design"), "{e}");
            assert!(current().is_cancelled());
        }
        assert!(check("x").is_ok(), "the scope ended");
        // Another thread does not see this thread's token.
        let t2 = Token::new();
        let _s = scope(t2.clone());
        t2.cancel();
        std::thread::spawn(|| assert!(check("x").is_ok()))
            .join()
            .unwrap();
    }
}
