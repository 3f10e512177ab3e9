id	user_profile_id	code
710	71	ja
720	72	en
730	73	pt
731	73	en
740	74	de
741	74	ja
750	75	hi
