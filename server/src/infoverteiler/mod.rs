//! The Infoverteiler on the server: the mail worker ([`arbeiter`]), the mails themselves
//! ([`mail`]) and the one-click unsubscribe page ([`abmelden`]).

pub mod abmelden;
pub mod arbeiter;
pub mod mail;
