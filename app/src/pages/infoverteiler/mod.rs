//! The Infoverteiler's pages: "Neu für mich" (what the person follows, since their last visit)
//! and "Meine Abonnements" (what they follow, how they hear of it, their personal feed).

pub mod abos;
pub mod neu;
